"""The Charlson comorbidity index from ICD-10 codes, for the "C" of LACE. Pure.

DOMAIN.md names the Charlson index as LACE's comorbidity but is silent on how conditions map to
it. We follow the ICD-10 coding of the 17 Charlson conditions by Quan H, Sundararajan V, Halfon
P, et al., "Coding algorithms for defining comorbidities in ICD-9-CM and ICD-10 administrative
data", Med Care 2005;43(11):1130-9 (Table 1, Charlson, ICD-10), with the original Charlson
weights (Charlson ME et al., J Chronic Dis 1987;40:373-83). Codes match by their first three or
four characters, so ICD-10-CM's longer codes (E11.22, I50.32) fall under the WHO code they
extend. A condition counts once, however many codes show it; and as is usual with this index:

- mild and moderate-or-severe liver disease count once, as the severe (3);
- diabetes without and with chronic complications count once, as the complicated (2);
- any malignancy and a metastatic solid tumour count once, as the metastatic (6).
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class CharlsonCondition:
    id: str
    name: str
    weight: int
    codes: tuple[str, ...] = ()
    """The codes (as given) that showed it."""


@dataclass(frozen=True)
class CharlsonResult:
    index: int
    conditions: tuple[CharlsonCondition, ...]
    """The conditions that counted, highest weight first."""


def _expand(spec: str) -> tuple[str, ...]:
    """"I42.5-I42.9" → I425 … I429; "C00-C26" → C00 … C26; "I21" → I21."""
    prefixes: list[str] = []
    for part in spec.split():
        first, _, last = part.replace(".", "").partition("-")
        if not last:
            prefixes.append(first)
            continue
        head = first[0]
        width = len(first) - 1
        prefixes += [f"{head}{n:0{width}d}" for n in range(int(first[1:]), int(last[1:]) + 1)]
    return tuple(prefixes)


_CONDITIONS = (
    # id, name, weight, Quan 2005 ICD-10 codes
    ("mi", "Myocardial infarction", 1, "I21 I22 I25.2"),
    ("chf", "Congestive heart failure", 1,
     "I09.9 I11.0 I13.0 I13.2 I25.5 I42.0 I42.5-I42.9 I43 I50 P29.0"),
    ("pvd", "Peripheral vascular disease", 1,
     "I70 I71 I73.1 I73.8 I73.9 I77.1 I79.0 I79.2 K55.1 K55.8 K55.9 Z95.8 Z95.9"),
    ("cvd", "Cerebrovascular disease", 1, "G45 G46 H34.0 I60-I69"),
    ("dementia", "Dementia", 1, "F00-F03 F05.1 G30 G31.1"),
    ("copd", "Chronic pulmonary disease", 1,
     "I27.8 I27.9 J40-J47 J60-J67 J68.4 J70.1 J70.3"),
    ("rheumatic", "Rheumatic disease", 1, "M05 M06 M31.5 M32-M34 M35.1 M35.3 M36.0"),
    ("pud", "Peptic ulcer disease", 1, "K25-K28"),
    ("mild_liver", "Mild liver disease", 1,
     "B18 K70.0-K70.3 K70.9 K71.3-K71.5 K71.7 K73 K74 K76.0 K76.2-K76.4 K76.8 K76.9 Z94.4"),
    ("diabetes", "Diabetes without chronic complication", 1,
     "E10.0 E10.1 E10.6 E10.8 E10.9 E11.0 E11.1 E11.6 E11.8 E11.9 E12.0 E12.1 E12.6 E12.8 "
     "E12.9 E13.0 E13.1 E13.6 E13.8 E13.9 E14.0 E14.1 E14.6 E14.8 E14.9"),
    ("diabetes_complicated", "Diabetes with chronic complication", 2,
     "E10.2-E10.5 E10.7 E11.2-E11.5 E11.7 E12.2-E12.5 E12.7 E13.2-E13.5 E13.7 E14.2-E14.5 "
     "E14.7"),
    ("hemiplegia", "Hemiplegia or paraplegia", 2,
     "G04.1 G11.4 G80.1 G80.2 G81 G82 G83.0-G83.4 G83.9"),
    ("renal", "Renal disease", 2,
     "I12.0 I13.1 N03.2-N03.7 N05.2-N05.7 N18 N19 N25.0 Z49.0-Z49.2 Z94.0 Z99.2"),
    ("malignancy", "Any malignancy (lymphoma and leukaemia included, skin excluded)", 2,
     "C00-C26 C30-C34 C37-C41 C43 C45-C58 C60-C76 C81-C85 C88 C90-C97"),
    ("severe_liver", "Moderate or severe liver disease", 3,
     "I85.0 I85.9 I86.4 I98.2 K70.4 K71.1 K72.1 K72.9 K76.5 K76.6 K76.7"),
    ("metastatic", "Metastatic solid tumour", 6, "C77-C80"),
    ("hiv", "AIDS/HIV", 6, "B20-B22 B24"),
)
CONDITIONS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    cid: (name, weight, _expand(codes)) for cid, name, weight, codes in _CONDITIONS
}
"""id → (name, weight, the code prefixes without dots)."""

OUTRANKED_BY = {"mild_liver": "severe_liver", "diabetes": "diabetes_complicated",
                "malignancy": "metastatic"}
"""A condition that does not count beside the more severe form of it."""


def _normal(code: str) -> str:
    return "".join(code.split()).replace(".", "").upper()


def conditions_of(code: str) -> tuple[str, ...]:
    """The Charlson conditions one ICD-10 code shows (usually none or one). A code broader
    than the index's own (a 3-character category such as E11) counts as the least severe
    condition whose codes it covers; DOMAIN.md is silent on this."""
    normal = _normal(code)
    if len(normal) < 3:
        return ()
    found = tuple(cid for cid, (_, _, prefixes) in CONDITIONS.items()
                  if any(normal.startswith(p) for p in prefixes))
    if found:
        return found
    # a category broader than the prefixes (E11: "type 2 diabetes", unspecified) counts as
    # the least severe condition it may be, never as none
    wider = [cid for cid, (_, _, prefixes) in CONDITIONS.items()
             if any(p.startswith(normal) for p in prefixes)]
    return (min(wider, key=lambda cid: CONDITIONS[cid][1]),) if wider else ()


def charlson(codes: Iterable[str | None]) -> CharlsonResult:
    """The index of a client's ICD-10 codes (blanks and codes outside the index are ignored)
    and the conditions that counted."""
    found: dict[str, list[str]] = {}
    for code in codes:
        if not code:
            continue
        for cid in conditions_of(code):
            found.setdefault(cid, []).append(code.strip())
    counted = [cid for cid in found if OUTRANKED_BY.get(cid) not in found]
    conditions = sorted(
        (CharlsonCondition(cid, CONDITIONS[cid][0], CONDITIONS[cid][1], tuple(found[cid]))
         for cid in counted),
        key=lambda c: (-c.weight, list(CONDITIONS).index(c.id)))
    return CharlsonResult(sum(c.weight for c in conditions), tuple(conditions))
