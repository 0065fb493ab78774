"""Outlets and bodies a citation can name: a table of the well-known ones, and how to spot them.

An outlet is who published a source: a news organisation (The New York Times,
Reuters), or a body that publishes its own reports and data (the UN and its
agencies, the World Bank, a national statistics office, a research centre). Each
is known by its names ("The New York Times", "NYT") and by its web domains
("nytimes.com"); agencies of a larger body share its `family` (UNHCR is part of
the UN), so that citing one for the other is no mismatch.

Two readings of a text, for two needs:

- `strict_mentions` finds the names in a sentence with confidence: written as the
  table writes them (case and all), and not part of a longer name ("Reuters
  Institute", "Thomson Reuters", "BBC World Service" are not Reuters or the BBC).
- `named_outlets` finds every outlet a note names, generously: names in any case
  (acronyms excepted: "who" is no WHO), and the domains of its URLs and of any
  bare domain ("pewresearch.org").

Names that are not in the table are read by `footnotes.organisations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from footcheck.footnotes import pattern_store

#: A news organisation: papers, agencies, broadcasters, magazines.
NEWS = "news"
#: A body publishing its own reports and data: international organisations,
#: statistics offices, central banks, research centres, NGOs.
BODY = "body"


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet or body: the name to show, its other names, its domains, its family."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    family: str = ""  # the larger body it belongs to ("United Nations" for UNHCR)

    @property
    def group(self) -> str:
        """Outlets of one group are one source for attribution (an agency and its UN)."""
        return self.family or self.name

    @property
    def names(self) -> tuple[str, ...]:
        """Every way the name is written: the display name without "The", and the aliases.

        A name that needs its article ("The Atlantic", not the ocean) is given as an
        alias with it, and then the bare form is not used.
        """
        bare = self.name.removeprefix("The ")
        return self.aliases if self.name in self.aliases else (bare, *self.aliases)


def _outlet(name: str, kind: str, aliases: str = "", domains: str = "", family: str = "") -> Outlet:
    """A row of the table: aliases separated by "|", domains by blanks."""
    names = tuple(filter(None, aliases.split("|")))
    return Outlet(name, kind, names, tuple(domains.split()), family)


_UN = "United Nations"
_EU = "European Union"
_PEW = "pewresearch.org journalism.org people-press.org pewforum.org pewinternet.org"

OUTLETS: tuple[Outlet, ...] = (
    # News organisations.
    _outlet("The New York Times", NEWS, "NYT|N.Y. Times|NY Times|NYTimes", "nytimes.com"),
    _outlet("The Washington Post", NEWS, "WaPo|Wash. Post", "washingtonpost.com"),
    _outlet("The Wall Street Journal", NEWS, "WSJ|Wall St. J.", "wsj.com"),
    _outlet("Los Angeles Times", NEWS, "LA Times|L.A. Times", "latimes.com"),
    _outlet("USA Today", NEWS, "", "usatoday.com"),
    _outlet("Financial Times", NEWS, "FT|Fin. Times", "ft.com"),
    _outlet("Reuters", NEWS, "", "reuters.com"),
    _outlet("Associated Press", NEWS, "AP", "apnews.com ap.org"),
    _outlet("Agence France-Presse", NEWS, "AFP|Agence France Presse", "afp.com"),
    _outlet("Bloomberg", NEWS, "Bloomberg News", "bloomberg.com"),
    _outlet("BBC", NEWS, "BBC News|British Broadcasting Corporation", "bbc.co.uk bbc.com"),
    _outlet("CNN", NEWS, "", "cnn.com"),
    _outlet("NPR", NEWS, "National Public Radio", "npr.org"),
    _outlet("NBC News", NEWS, "NBC", "nbcnews.com"),
    _outlet("CBS News", NEWS, "CBS", "cbsnews.com"),
    _outlet("ABC News", NEWS, "ABC", "abcnews.go.com abc.net.au"),
    _outlet("Fox News", NEWS, "", "foxnews.com"),
    _outlet("The Guardian", NEWS, "", "theguardian.com guardian.co.uk"),
    _outlet("Daily Mail", NEWS, "Mail Online|MailOnline", "dailymail.co.uk"),
    _outlet("Sky News", NEWS, "", "news.sky.com"),
    _outlet("The Telegraph", NEWS, "Daily Telegraph", "telegraph.co.uk"),
    _outlet("The Independent", NEWS, "The Independent", "independent.co.uk"),
    _outlet("The Economist", NEWS, "", "economist.com"),
    _outlet("The Atlantic", NEWS, "The Atlantic", "theatlantic.com"),
    _outlet("The New Yorker", NEWS, "", "newyorker.com"),
    _outlet("The Hill", NEWS, "The Hill", "thehill.com"),
    _outlet("Politico", NEWS, "", "politico.com politico.eu"),
    _outlet("Axios", NEWS, "", "axios.com"),
    _outlet("ProPublica", NEWS, "", "propublica.org"),
    _outlet("Newsweek", NEWS, "", "newsweek.com"),
    _outlet("Forbes", NEWS, "", "forbes.com"),
    _outlet("Al Jazeera", NEWS, "Aljazeera", "aljazeera.com aljazeera.net"),
    _outlet("Le Monde", NEWS, "", "lemonde.fr"),
    _outlet("Der Spiegel", NEWS, "Spiegel", "spiegel.de"),
    _outlet("Deutsche Welle", NEWS, "DW", "dw.com"),
    _outlet("France 24", NEWS, "", "france24.com"),
    _outlet("Radio Free Europe/Radio Liberty", NEWS, "RFE/RL|Radio Free Europe", "rferl.org"),
    _outlet("Voice of America", NEWS, "VOA", "voanews.com"),
    _outlet("South China Morning Post", NEWS, "SCMP", "scmp.com"),
    _outlet("Nikkei", NEWS, "Nikkei Asia", "nikkei.com"),
    _outlet("Xinhua", NEWS, "", "xinhuanet.com news.cn"),
    _outlet("TASS", NEWS, "", "tass.com tass.ru"),
    _outlet("Interfax", NEWS, "", "interfax.com interfax.ru"),
    _outlet("RIA Novosti", NEWS, "", "ria.ru"),
    _outlet("Kommersant", NEWS, "", "kommersant.ru"),
    _outlet("Meduza", NEWS, "", "meduza.io"),
    _outlet("Haaretz", NEWS, "", "haaretz.com"),
    _outlet("The Times of Israel", NEWS, "", "timesofisrael.com"),
    # The United Nations and its agencies.
    _outlet(_UN, BODY, "UN|U.N.", "un.org"),
    _outlet("World Health Organization", BODY, "WHO|World Health Organisation", "who.int", _UN),
    _outlet(
        "UNHCR",
        BODY,
        "UN Refugee Agency|United Nations High Commissioner for Refugees",
        "unhcr.org",
        _UN,
    ),
    _outlet("UNICEF", BODY, "", "unicef.org", _UN),
    _outlet("UNDP", BODY, "United Nations Development Programme", "undp.org", _UN),
    _outlet("World Food Programme", BODY, "WFP|World Food Program", "wfp.org", _UN),
    _outlet("FAO", BODY, "Food and Agriculture Organization", "fao.org", _UN),
    _outlet("International Labour Organization", BODY, "ILO", "ilo.org", _UN),
    _outlet("UNESCO", BODY, "", "unesco.org", _UN),
    _outlet("IAEA", BODY, "International Atomic Energy Agency", "iaea.org", _UN),
    _outlet("OCHA", BODY, "UNOCHA", "unocha.org reliefweb.int", _UN),
    _outlet("OHCHR", BODY, "UN Human Rights Office", "ohchr.org", _UN),
    _outlet("UNCTAD", BODY, "", "unctad.org", _UN),
    _outlet("UNEP", BODY, "UN Environment Programme", "unep.org", _UN),
    _outlet("UNFPA", BODY, "UN Population Fund", "unfpa.org", _UN),
    _outlet("UNODC", BODY, "UN Office on Drugs and Crime", "unodc.org", _UN),
    _outlet("International Organization for Migration", BODY, "IOM", "iom.int", _UN),
    _outlet("IPCC", BODY, "Intergovernmental Panel on Climate Change", "ipcc.ch", _UN),
    # Other international bodies and central banks.
    _outlet("World Bank", BODY, "World Bank Group", "worldbank.org"),
    _outlet("International Monetary Fund", BODY, "IMF", "imf.org"),
    _outlet("OECD", BODY, "Organisation for Economic Co-operation and Development", "oecd.org"),
    _outlet("World Trade Organization", BODY, "WTO", "wto.org"),
    _outlet(_EU, BODY, "EU", "europa.eu"),
    _outlet("European Commission", BODY, "", "commission.europa.eu", _EU),
    _outlet("Eurostat", BODY, "", "", _EU),
    _outlet("European Central Bank", BODY, "ECB", "ecb.europa.eu", _EU),
    _outlet("NATO", BODY, "", "nato.int"),
    _outlet("International Energy Agency", BODY, "IEA", "iea.org"),
    _outlet("OPEC", BODY, "", "opec.org"),
    _outlet("Bank for International Settlements", BODY, "BIS", "bis.org"),
    _outlet("Federal Reserve", BODY, "Fed", "federalreserve.gov"),
    _outlet("Bank of England", BODY, "", "bankofengland.co.uk"),
    # Government offices that publish figures.
    _outlet("Congressional Budget Office", BODY, "CBO", "cbo.gov"),
    _outlet("Government Accountability Office", BODY, "GAO", "gao.gov"),
    _outlet("Centers for Disease Control and Prevention", BODY, "CDC", "cdc.gov"),
    _outlet("U.S. Census Bureau", BODY, "Census Bureau|US Census Bureau", "census.gov"),
    _outlet("Bureau of Labor Statistics", BODY, "BLS", "bls.gov"),
    _outlet("Bureau of Economic Analysis", BODY, "BEA", "bea.gov"),
    _outlet("Energy Information Administration", BODY, "EIA", "eia.gov"),
    # National statistics offices.
    _outlet("Office for National Statistics", BODY, "ONS", "ons.gov.uk"),
    _outlet("Statistics Canada", BODY, "StatCan", "statcan.gc.ca"),
    _outlet("Australian Bureau of Statistics", BODY, "ABS", "abs.gov.au"),
    _outlet("INSEE", BODY, "", "insee.fr"),
    _outlet("Destatis", BODY, "Federal Statistical Office of Germany", "destatis.de"),
    _outlet("Istat", BODY, "ISTAT", "istat.it"),
    _outlet("Statistics Netherlands", BODY, "", "cbs.nl"),
    _outlet("Statistics Norway", BODY, "", "ssb.no"),
    _outlet("Statistics Sweden", BODY, "", "scb.se"),
    _outlet("Statistics South Africa", BODY, "Stats SA", "statssa.gov.za"),
    _outlet("National Bureau of Statistics of China", BODY, "", "stats.gov.cn"),
    _outlet("Statistics Bureau of Japan", BODY, "", "stat.go.jp"),
    _outlet("Rosstat", BODY, "", "rosstat.gov.ru gks.ru"),
    _outlet("IBGE", BODY, "", "ibge.gov.br"),
    _outlet("INEGI", BODY, "", "inegi.org.mx"),
    # Research centres, pollsters and NGOs.
    _outlet("Pew Research Center", BODY, "Pew|Pew Research Centre", _PEW),
    _outlet("Gallup", BODY, "", "gallup.com"),
    _outlet("YouGov", BODY, "", "yougov.com yougov.co.uk"),
    _outlet("Ipsos", BODY, "", "ipsos.com"),
    _outlet("Brookings Institution", BODY, "Brookings", "brookings.edu"),
    _outlet("RAND Corporation", BODY, "RAND", "rand.org"),
    _outlet("Center for Strategic and International Studies", BODY, "CSIS", "csis.org"),
    _outlet("Council on Foreign Relations", BODY, "CFR", "cfr.org"),
    _outlet("Chatham House", BODY, "", "chathamhouse.org"),
    _outlet("International Crisis Group", BODY, "Crisis Group", "crisisgroup.org"),
    _outlet("Institute for the Study of War", BODY, "ISW", "understandingwar.org"),
    _outlet("SIPRI", BODY, "Stockholm International Peace Research Institute", "sipri.org"),
    _outlet("Amnesty International", BODY, "Amnesty", "amnesty.org"),
    _outlet("Human Rights Watch", BODY, "HRW", "hrw.org"),
    _outlet("Transparency International", BODY, "", "transparency.org"),
    _outlet("Oxfam", BODY, "", "oxfam.org"),
    _outlet("Médecins Sans Frontières", BODY, "MSF|Doctors Without Borders", "msf.org"),
    _outlet("International Committee of the Red Cross", BODY, "ICRC", "icrc.org"),
    _outlet("KFF", BODY, "Kaiser Family Foundation", "kff.org"),
    _outlet("ACLED", BODY, "", "acleddata.com"),
    _outlet("Our World in Data", BODY, "", "ourworldindata.org"),
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name of an outlet found in a text, at [start, end)."""

    outlet: Outlet
    start: int
    end: int


# Capitalised words that may stand just before a name without being part of it
# (a sentence's first word, an article): "According to", "In a Pew survey".
_LEADING_WORD = pattern_store.compile(
    r"The|An?|According|As|In|By|From|Per|Via|For|On|At|And|But|While|When|Both|Also|Even|"
    r"Last|Recent(?:ly)?|New(?:ly)?|Earlier|Later|Yet|So|Since|Until|Data"
)
_NEXT_WORD = pattern_store.compile(r"[ \t-]+([A-Z])")
_WORD_BEFORE = pattern_store.compile(r"([A-Z][\w.’'&/]*)[ \t-]+$")
# A dot and two letters: a text without one writes no domain (and is not searched
# for one, which costs more).
_DOTTED = pattern_store.compile(r"\.[A-Za-z]{2}")
_HOST = pattern_store.compile(r"(?<![\w.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?![\w-])")
# The host of a URL, with or without its scheme ("www.bbc.co.uk/news").
_URL_HOST = pattern_store.compile(r"(?:[A-Za-z][\w+.-]*://)?(?:[^/?#@\s]*@)?([^/?#:@\s\[\]]+)")
_ACRONYM = pattern_store.compile(r"[A-Z][A-Z./&]*")


def _key(name: str) -> str:
    return " ".join(name.split())


def _alternation(names: list[str]) -> str:
    """A regex alternation of `names`, grouped by first character, longest first in each."""
    by_first: dict[str, list[str]] = {}
    # Ties alphabetically: the same pattern text in every run (see pattern_store).
    for name in sorted(set(names), key=lambda name: (-len(name), name)):
        by_first.setdefault(name[0], []).append(name)
    branches = []
    for first, group in sorted(by_first.items()):
        rests = "|".join(r"\s+".join(map(re.escape, n[1:].split(" "))) for n in group)
        branches.append(f"{re.escape(first)}(?:{rests})")
    return "|".join(branches)


def _bounded(names: list[str]) -> re.Pattern[str]:
    # No look-behind in front: a pattern that opens with the names' first letters is
    # searched for in C. What stands before a match is checked in `_names_in`.
    return pattern_store.compile(rf"(?:{_alternation(names)})(?![\w])")


# The look-up tables and patterns are built on first use, not at import; the
# generous ones only when a sentence names a source.


@cache
def _as_written() -> tuple[dict[str, Outlet], re.Pattern[str]]:
    """Every name as written -> its outlet, and the pattern of them all."""
    exact = {_key(name): outlet for outlet in OUTLETS for name in outlet.names}
    return exact, _bounded(list(exact))


@cache
def _domains() -> dict[str, Outlet]:
    return {domain: outlet for outlet in OUTLETS for domain in outlet.domains}


@cache
def _generous() -> tuple[dict[str, Outlet], re.Pattern[str], re.Pattern[str]]:
    """Casefolded names that are not acronyms -> their outlet, their pattern (on
    casefolded text), and the pattern of the acronyms (case and all)."""
    exact, _ = _as_written()
    acronyms = [name for name in exact if _ACRONYM.fullmatch(name)]
    folded = {name.casefold(): exact[name] for name in exact if name not in acronyms}
    return folded, _bounded(list(folded)), _bounded(acronyms)


def _names_in(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern` that start a word ("Reuters", not "XReuters" or ".UN")."""
    for match in pattern.finditer(text):
        start = match.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_."):
            yield match


def strict_mentions(text: str) -> Iterator[Mention]:
    """The table's names in `text` as written, each a whole name (not part of a longer one)."""
    exact, pattern = _as_written()
    for match in _names_in(pattern, text):
        start, end = match.span()
        if _NEXT_WORD.match(text, end):
            continue  # "Reuters Institute", "UN Security Council"
        before = _WORD_BEFORE.search(text, max(0, start - 40), start)
        if before is not None and not _LEADING_WORD.fullmatch(before.group(1)):
            continue  # "Thomson Reuters"
        yield Mention(exact[_key(match.group())], start, end)


def outlet_of_host(host: str) -> Outlet | None:
    """The outlet whose domain `host` is or is under ("news.un.org" -> the UN)."""
    return _outlet_of_host(host)


# The hosts of a document's notes repeat (one outlet cited again and again): each is
# looked up once (a bounded memory for a run over many files).
@lru_cache(maxsize=1 << 16)
def _outlet_of_host(host: str) -> Outlet | None:
    domains = _domains()
    labels = host.lower().rstrip(".").split(".")
    for i in range(len(labels) - 1):
        outlet = domains.get(".".join(labels[i:]))
        if outlet is not None:
            return outlet
    return None


@lru_cache(maxsize=1 << 14)  # a report cites one page in note after note
def outlet_of_url(url: str) -> Outlet | None:
    """The outlet whose domain a URL is on ("https://www.bbc.co.uk/news" -> the BBC)."""
    host = _URL_HOST.match(url)
    return outlet_of_host(host.group(1)) if host else None


def _hosted(text: str) -> set[Outlet]:
    """The outlets of the domains written in `text` (in URLs or bare: "pewresearch.org")."""
    if not _DOTTED.search(text):
        return set()
    found = (outlet_of_host(match.group()) for match in _HOST.finditer(text))
    return {outlet for outlet in found if outlet is not None}


def named_outlets(text: str) -> set[Outlet]:
    """Every outlet `text` names, generously: any case (not for acronyms), any domain."""
    exact, _ = _as_written()
    folded, folded_names, acronyms = _generous()
    found = _hosted(text)
    found.update(exact[_key(m.group())] for m in _names_in(acronyms, text))
    folded_text = text.casefold()
    found.update(folded[_key(m.group())] for m in _names_in(folded_names, folded_text))
    return found


def cited_outlets(text: str, urls: Sequence[str]) -> set[Outlet]:
    """The outlets a citation names with confidence: its domains, and names outside its URLs.

    `urls` are the URLs written in `text` (as the citation found them).
    """
    for url in urls:
        text = text.replace(url, " ")
    found = _hosted(text)
    for url in urls:
        outlet = outlet_of_url(url)
        if outlet is not None:
            found.add(outlet)
    for mention in strict_mentions(text):
        found.add(mention.outlet)
    return found
