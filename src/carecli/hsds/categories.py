"""Which `ResourceCategory` an imported service belongs to. HSDS has no such field and the
domain notes fix no rule, so this one is ours:

1. its taxonomy terms, in file order (HSDS 1.x/2.x `service_taxonomy.csv` → `taxonomy.csv`,
   HSDS 3.x `attributes.csv` → `taxonomy_terms.csv`): a 211 / AIRS code by its prefix (BD food,
   BH housing, BT transportation, BV utilities, FT legal, N financial, R mental health,
   PH-7000 respite: caregiver support), else the term's own words; the first term that names a
   category decides;
2. else the words of the service's name, then of its description: the category with the most
   keyword hits (ties go to the earlier category of the enum);
3. else `other`.
"""

import re
from collections.abc import Iterable

from carecli.domain.caseload import fold
from carecli.domain.enums import ResourceCategory as C

KEYWORDS: dict[C, tuple[str, ...]] = {
    C.FOOD: ("food", "foods", "pantry", "pantries", "meal", "meals", "nutrition", "grocery",
             "groceries", "snap", "wic", "hunger", "soup kitchen", "food bank", "commodity"),
    C.HOUSING: ("housing", "shelter", "shelters", "homeless", "homelessness", "rent", "rental",
                "eviction", "apartment", "apartments", "home repair", "home repairs",
                "section 8", "landlord", "tenant", "tenants"),
    C.TRANSPORTATION: ("transport", "transportation", "transit", "ride", "rides", "bus",
                       "paratransit", "taxi", "shuttle", "van", "mobility", "driver",
                       "drivers"),
    C.UTILITIES: ("utility", "utilities", "energy", "heating", "heat", "cooling", "liheap",
                  "electric", "electricity", "water bill", "weatherization", "fuel",
                  "lifeline"),
    C.MENTAL_HEALTH: ("mental", "counseling", "counselling", "therapy", "psychiatric",
                      "psychiatry", "crisis", "depression", "anxiety", "substance",
                      "addiction", "behavioral", "behavioural", "suicide", "recovery",
                      "grief", "warmline", "warm line"),
    C.CAREGIVER_SUPPORT: ("caregiver", "caregivers", "caregiving", "respite", "adult day",
                          "carer", "carers", "dementia", "alzheimer", "alzheimers"),
    C.LEGAL: ("legal", "law", "lawyer", "lawyers", "attorney", "attorneys", "court",
              "guardianship", "elder abuse", "ombudsman", "advance directive", "will", "wills"),
    C.FINANCIAL: ("financial", "finance", "money", "income", "benefits", "tax", "taxes",
                  "debt", "budget", "budgeting", "cash", "ssi", "social security", "medicaid",
                  "medicare savings", "bill pay", "emergency assistance"),
}
_PATTERNS = {category: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")
             for category, words in KEYWORDS.items()}

CODE_PREFIXES: tuple[tuple[str, C], ...] = (
    ("PH-7000", C.CAREGIVER_SUPPORT), ("BD", C.FOOD), ("BH", C.HOUSING),
    ("BT", C.TRANSPORTATION), ("BV", C.UTILITIES), ("FT", C.LEGAL), ("N", C.FINANCIAL),
    ("R", C.MENTAL_HEALTH),
)
"""211 / AIRS taxonomy codes (`BD-1800.2000`), longest prefixes first."""
_AIRS = re.compile(r"^[A-Z]{1,2}(-\d{4}(\.\d{4})*(-\d{3})?)?$")


def categorise(terms: Iterable[tuple[str | None, str | None]], name: str,
               description: str | None) -> str:
    """The category of a service from its taxonomy terms (each `(code, name)`), else its name,
    else its description, else `other`."""
    for code, term in terms:
        found = _by_code(code) or _by_words(term)
        if found is not None:
            return found.value
    return (_by_words(name) or _by_words(description) or C.OTHER).value


def _by_code(code: str | None) -> C | None:
    code = (code or "").strip().upper()
    if not _AIRS.match(code):
        return None
    for prefix, category in CODE_PREFIXES:
        if code.startswith(prefix):
            return category
    return None


def _by_words(text: str | None) -> C | None:
    if not text:
        return None
    folded = " ".join(re.split(r"[^a-z0-9]+", fold(text)))
    hits = {c: len(p.findall(folded)) for c, p in _PATTERNS.items()}
    best = max(hits.values())
    return next(c for c in KEYWORDS if hits[c] == best) if best else None
