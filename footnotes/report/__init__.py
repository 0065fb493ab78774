"""Reporters: each renders the results of a whole run in one output format.

Kept apart from the checking, in the manner of yamllint's formatters: a reporter
reads a `RunResult` and writes text; it decides nothing about the findings.
"""
