#!/usr/bin/env python3
"""Scalable page-dump corpus: clean SaudiNewsNet articles wrapped into realistic news-page dumps.

    python3 bench/gen_pages.py --seed 1 --size-mb 10 --out bench/corpora/s1-10mb [--pages-dir DIR]

Deterministic from --seed (same seed, size and input give byte-identical output). Standard library
only (gzip level 1; zstandard is used for `.zst` output if installed), so it runs with or without
the bench venv.

Output in --out:
  pages.jsonl.gz        one record per page dump: {"id", "url", "source", "title"?, "text"}
                        (`ghirbal clean` input; `source` is the site's domain). `title` (the HTML
                        <title> a scraper would keep, "headline | site") is present on about half.
  gold.jsonl.gz         per page: {"id", "labels": "<one label letter per line>", "articles": n,
                        "article_of_line": [...] run-length} (--no-gold to skip) — see GOLD below.
  dups.tsv              every injected duplicate: dup page/article -> original page/article, kind,
                        edits (dedup recall is measured against this).
  manifest.json         parameters, counts, rates, site styles, sha256 of pages.jsonl.gz.
With --pages-dir DIR, also the first --pages-max pages as DIR/<id>.txt + <id>.labels.tsv +
<id>.gold.json, the layout `ghirbal eval DIR` reads (shared/LABELING.md).

Site styles (all invented; names, domains, menus and footers are fictional, `.example` domains):
  mast   broadsheet, plain lines: masthead, Arabic menu, share widget `TT`, headline printed
         twice, caption with agency credit printed twice, body, byline «site» (city), related
         block with teaser items (section + caption + title + summary + byline), footer.
  w3m    portal rendered by w3m at 200 columns: bullet menus (ASCII + Arabic), breaking-news
         ticker, breadcrumbs, centred indented headline, date line with update time, [Gal]-style
         image placeholder, body paragraphs wrapped at 200 columns, comment policy notice,
         "most read" numbered list, copyright footer.
  lynx   lynx dump: `* [12]`-style link menus, 3-space indents, Hijri+Gregorian date line, caption
         printed twice on one line, `المصدر : وكالات` sign-off, tag list, attached
         `اقرأ أيضاً` teasers (article's own) and site-wide `أهم الأخبار` teasers, References list.
  river  section page with 2-3 stories: per story section label, headline, relative time
         (`منذ 3 ساعات`), `كتب: …`/`الرياض - واس` byline, body, share bar and a separator; a
         "most read" box between stories, weather widget, comment form, newsletter prompt.
  amp    mobile page: `القائمة`/`بحث`, title, date `2015/07/21`, font-size and print widgets,
         body, `تابعنا على` social row, `جميع الحقوق محفوظة`.
Every page holds 1-3 articles (river 2-3; the others mostly 1, sometimes a second story below).

Teasers use OTHER real articles' titles (and first sentences as summaries).

Duplicates (page level, rates of all pages, recorded in dups.tsv and the manifest):
  exact-page     byte-identical dump under another URL on the same site (print/AMP/utm variants)
  exact-article  the same article (headline + body unchanged) on another page of another site,
                 with different furniture and teasers
  near           syndicated copy on another site with edits: new headline, edited lead (dateline
                 prefix, a clause dropped, words swapped), trimmed ending (last paragraph or
                 sentence dropped); each near copy gets 1-3 of these edits
The source corpus has its own natural duplicates, which are NOT in dups.tsv (the manifest says so).

Scaling past the source: the source holds ~65 MB of article text. Epoch 0 uses the real articles;
each later epoch reuses them with a deterministic word substitution (within frequency bands,
the 300 most frequent words kept) so that pages of different epochs do not become accidental
near duplicates while keeping word-length and stopword statistics. Pages of epoch >= 1 are
marked `"synthetic": true` in the gold. Injected duplicates are the only intended ones.

GOLD: labels per line use the LABELING.md vocabulary, one letter each in gold.jsonl.gz
(t=title c=caption b=body y=byline d=date e=teaser p=boilerplate r=repeat k=blank) to keep it
small at 1 GB; labels.tsv in --pages-dir spells them out.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "peers"))
from common import SAUDINEWSNET  # noqa: E402

LABEL_CODE = {
    "title": "t", "caption": "c", "body": "b", "byline": "y", "date": "d",
    "teaser": "e", "boilerplate": "p", "repeat": "r", "blank": "k",
}

# Residual boilerplate the source bodies still carry (shared/README.md); such paragraphs are
# dropped before wrapping so that gold `body` lines are article text.
RESIDUE = [
    re.compile(r"^لمراسلة الكاتب"),
    re.compile(r"مقالات أخرى للكاتب"),
    re.compile(r"^\*?\s*خدمة\s*«نيويورك تايمز»"),
    re.compile(r"\.\.\.\s*المزيد\s*$"),
    re.compile(r"^(اقرأ|إقرأ) (أيضا|أيضاً|المزيد)"),
]

AGENCIES = ["أ.ف.ب", "رويترز", "د.ب.أ", "أ.ب", "واس", "إ.ب.أ", "أسوشيتد برس", "الأناضول", "غيتي", "الشرق الأوسط"]
CITIES = ["الرياض", "جدة", "الدمام", "مكة المكرمة", "المدينة المنورة", "أبها", "القاهرة", "بيروت", "دبي", "لندن", "واشنطن", "عمّان", "تبوك", "الطائف"]
AUTHORS = ["محمد العتيبي", "سارة القحطاني", "عبدالله الشهري", "نورة الدوسري", "فهد الغامدي", "خالد المطيري", "ريم الزهراني", "ماجد الحربي", "هند السبيعي", "سلطان العنزي"]
SECTIONS = ["محليات", "سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات", "دوليات", "تقارير", "صحة", "تقنية"]
WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]
CAPTION_SUBJECTS = [
    "جانب من الاجتماع", "صورة أرشيفية", "من موقع الحادث", "خلال المؤتمر الصحافي", "جانب من الفعالية",
    "لقطة من المباراة", "مشهد عام للمدينة", "خلال الزيارة", "من الجلسة الافتتاحية", "عناصر من فرق الإنقاذ",
]


def make_sites():
    """Nine fictional sites, one per source outlet, over the five styles."""
    return [
        {"key": "mast", "name": "صحيفة الأفق", "domain": "alofoq.example", "style": "mast",
         "menu": ["الرئيسية", "أخبار", "العالم", "اقتصاد", "رأي", "رياضة", "ثقافة", "يوميات الشرق", "صحتك", "تكنولوجيا"]},
        {"key": "w3m", "name": "بوابة المرصد", "domain": "almarsad.example", "style": "w3m",
         "menu": ["الصفحة الرئيسية", "فيديو", "الشرق الأوسط", "العالم", "اقتصاد وأعمال", "منوعات", "صحة وتكنولوجيا", "رياضة", "ملفات وتقارير"],
         "ascii_menu": ["Home", "English", "Edition: Arabic", "Video", "Weather"]},
        {"key": "lynx", "name": "شبكة الميدان", "domain": "almaydan.example", "style": "lynx",
         "menu": ["الرئيسية", "الأخبار", "عربي", "دولي", "تقارير وحوارات", "حقوق وحريات", "علوم وتكنولوجيا", "ثقافة وفن", "منوعات", "رياضة", "الاقتصاد"]},
        {"key": "river", "name": "جريدة الساحل", "domain": "alsahel.example", "style": "river",
         "menu": ["الأولى", "محليات", "المنطقة الشرقية", "اقتصاد", "رياضة", "دوليات", "كتاب وآراء", "الأخيرة"]},
        {"key": "amp", "name": "خبر عاجل", "domain": "m.khabar.example", "style": "amp",
         "menu": ["الرئيسية", "محليات", "رياضة", "اقتصاد", "منوعات"]},
        {"key": "mast2", "name": "الوطن اليوم", "domain": "watan-today.example", "style": "mast",
         "menu": ["الرئيسية", "سياسة", "محليات", "اقتصاد", "مقالات", "رياضة", "الوطن الثقافي", "كاريكاتير"]},
        {"key": "w3m2", "name": "الاقتصادي", "domain": "aliqtisadi.example", "style": "w3m",
         "menu": ["الأسواق", "الأسهم", "العقار", "الطاقة", "الشركات", "مال وأعمال", "تقنية"],
         "ascii_menu": ["Markets", "TASI", "Login", "Subscribe", "RSS"]},
        {"key": "river2", "name": "ملاعب", "domain": "malaeb.example", "style": "river",
         "menu": ["الدوري", "الأندية", "المنتخب", "محترفون", "عالمية", "فيديو"]},
        {"key": "lynx2", "name": "المسار الإخباري", "domain": "almasar.example", "style": "lynx",
         "menu": ["أخبار", "تحليلات", "حوارات", "منوعات", "وسائط", "اتصل بنا"]},
    ]


OUTLET_SITE = {
    "aawsat": "mast", "alwatan": "mast2", "alriyadh": "w3m", "aleqtisadiya": "w3m2", "alyaum": "river",
    "arriyadiyah": "river2", "arreyadi": "river2", "aljazirah": "lynx2", "sabq": "amp",
}


# --------------------------------------------------------------------------------------------
# Source articles


def load_articles(path: Path) -> list[dict]:
    arts = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            try:
                d = json.loads(line)
            except json.JSONDecodeError:
                continue
            title = " ".join((d.get("title") or "").split())
            paras = []
            for p in (d.get("content") or "").split("\n"):
                p = " ".join(p.split())
                if p and not any(r.search(p) for r in RESIDUE):
                    paras.append(p)
            if not title or not paras or sum(len(p) for p in paras) < 300:
                continue
            arts.append({"title": title, "paras": paras, "outlet": d.get("source") or "", "url": d.get("url") or ""})
    return arts


class Substituter:
    """Per-epoch deterministic word substitution within frequency bands (epoch 0 = identity)."""

    def __init__(self, arts: list[dict], seed: int):
        self.arts = arts
        self.seed = seed
        self.bands: list[list[str]] | None = None  # built on first use (epoch >= 1 only)
        self.cache: dict[int, dict[str, str]] = {}

    def _build(self) -> None:
        cnt = Counter()
        for a in self.arts:
            cnt.update(a["title"].split())
            for p in a["paras"]:
                cnt.update(p.split())
        # Sort by (-count, word) so the bands do not depend on dict order.
        ranked = [w for w, _ in sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))]
        rest = ranked[300:]
        # Bands of ~64 words of similar frequency; the 300 most frequent words stay as they are.
        self.bands = [rest[i : i + 64] for i in range(0, len(rest), 64)]

    def table(self, epoch: int) -> dict[str, str]:
        if self.bands is None:
            self._build()
        if epoch not in self.cache:
            rng = random.Random(f"{self.seed}/subst/{epoch}")
            m = {}
            for band in self.bands:
                perm = band[:]
                rng.shuffle(perm)
                m.update(zip(band, perm))
            self.cache = {epoch: m}  # keep one table in memory
        return self.cache[epoch]

    def apply(self, text: str, epoch: int) -> str:
        if epoch == 0:
            return text
        m = self.table(epoch)
        return " ".join(m.get(w, w) for w in text.split())


# --------------------------------------------------------------------------------------------
# Page building


class Page:
    def __init__(self):
        self.lines: list[tuple[str, int, str]] = []  # (text, article, label)

    def add(self, text: str, label: str, art: int = 0):
        if label != "blank" and not text.strip():
            label = "blank"
        self.lines.append((text, art, label))

    def blank(self, art: int = 0, n: int = 1):
        for _ in range(n):
            self.lines.append(("", art, "blank"))


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap at `width` characters (w3m/lynx style)."""
    out, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        out.append(cur)
    return out


def first_sentence(p: str, limit: int = 180) -> str:
    m = re.search(r"^(.{40,}?[.!؟])(\s|$)", p)
    s = m.group(1) if m else p
    if len(s) > limit:
        s = " ".join(s[:limit].split()[:-1]) + "..."
    return s


def date_strings(rng: random.Random):
    y = 2015
    mo = rng.choice([7, 8])
    d = rng.randint(1, 28)
    hh, mm = rng.randint(0, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    wd = WEEKDAYS[(d + mo * 3) % 7]
    hijri_m = 9 + (mo - 7)
    return {
        "long": f"{wd}، {d} {MONTHS[mo - 1]} {y}، آخر تحديث {hh:02d}:{mm:02d} (GMT+0300)",
        "hijri": f"{wd} {rng.randint(1, 29)}/{hijri_m}/1436 هـ - الموافق {d}/{mo}/{y} م (آخر تحديث) الساعة {hh:02d}:{mm:02d}",
        "slash": f"{y}/{mo:02d}/{d:02d}",
        "plain": f"{wd} - {d} {MONTHS[mo - 1]} {y}م",
        "rel": rng.choice(["منذ ساعة", "منذ 3 ساعات", "منذ 25 دقيقة", "منذ يومين", "قبل 9 ساعات", "قبل 40 دقيقة"]),
        "today": f"{WEEKDAYS[(d + 1) % 7]} {d + 1} {MONTHS[mo - 1]} {y}",
    }


def make_caption(rng: random.Random, story: dict) -> tuple[str, str]:
    words = story["title"].split()
    subj = rng.choice(CAPTION_SUBJECTS)
    tail = " ".join(words[: rng.randint(2, min(5, len(words)))]) if len(words) >= 2 else ""
    text = f"{subj}: {tail}" if tail and rng.random() < 0.6 else subj
    return text, rng.choice(AGENCIES)


class Builder:
    def __init__(self, arts, subst: Substituter, sites, seed):
        self.arts = arts
        self.subst = subst
        self.sites = {s["key"]: s for s in sites}
        self.seed = seed

    # -- story materialisation ------------------------------------------------------------
    def story(self, idx: int, epoch: int) -> dict:
        a = self.arts[idx]
        return {
            "src": idx,
            "epoch": epoch,
            "title": self.subst.apply(a["title"], epoch),
            "paras": [self.subst.apply(p, epoch) for p in a["paras"]],
            "outlet": a["outlet"],
        }

    def teasers(self, rng: random.Random, n: int, epoch: int, exclude: set[int]) -> list[dict]:
        out = []
        while len(out) < n:
            j = rng.randrange(len(self.arts))
            if j in exclude:
                continue
            exclude.add(j)
            a = self.arts[j]
            out.append({
                "title": self.subst.apply(a["title"], epoch),
                "summary": self.subst.apply(first_sentence(a["paras"][0]), epoch),
                "section": rng.choice(SECTIONS),
            })
        return out

    # -- rendering --------------------------------------------------------------------------
    def render(self, site: dict, stories: list[dict], rng: random.Random, epoch: int) -> tuple[Page, list[dict]]:
        pg = Page()
        golds = [None] * len(stories)
        exclude = {s["src"] for s in stories}
        dates = date_strings(rng)
        style = site["style"]
        getattr(self, f"head_{style}")(pg, site, rng, dates, epoch, exclude)
        for i, st in enumerate(stories, start=1):
            if i > 1:
                self.between(pg, site, rng, epoch, exclude)
            golds[i - 1] = getattr(self, f"story_{style}")(pg, site, st, i, rng, date_strings(rng), epoch, exclude)
        getattr(self, f"foot_{style}")(pg, site, rng, dates, epoch, exclude)
        return pg, golds

    @staticmethod
    def gold(title, captions, body, byline, date, related, first, last):
        return {"title": title, "byline": byline, "date": date, "captions": captions, "body": body,
                "related": related, "lines": [first, last]}

    def between(self, pg, site, rng, epoch, exclude):
        style = site["style"]
        if style == "river":
            pg.add("الأكثر قراءة", "boilerplate")
            for k, t in enumerate(self.teasers(rng, rng.randint(3, 5), epoch, exclude), start=1):
                pg.add(f"{k}. {t['title']}", "teaser")
            pg.blank()
        elif style == "w3m":
            pg.add("_" * rng.randint(60, 200), "boilerplate")
            pg.blank()
        elif style == "lynx":
            pg.blank()
            pg.add("   " + "أخبار ذات صلة بالموضوع", "boilerplate")
            pg.blank()
        else:
            pg.add("اقرأ المزيد من الأخبار", "boilerplate")
            pg.blank()

    # mast ---------------------------------------------------------------------------------
    def head_mast(self, pg, site, rng, dates, epoch, exclude):
        if rng.random() < 0.5:
            pg.add(site["name"], "boilerplate")
            pg.add(dates["today"], "boilerplate")
            pg.blank()
            for m in site["menu"]:
                pg.add(m, "boilerplate")
            pg.blank()

    def story_mast(self, pg, site, st, i, rng, dates, epoch, exclude):
        cap, credit = make_caption(rng, st)
        first = len(pg.lines) + 1
        pg.add(st["title"], "title", i)
        pg.blank(i)
        pg.add(f"{cap} ({credit})", "caption", i)
        pg.add(f"{cap} ({credit})", "repeat", i)
        pg.add("TT", "boilerplate", i)
        pg.blank(i)
        pg.add(st["title"], "repeat", i)
        pg.blank(i)
        if rng.random() < 0.6:
            pg.add(f"{cap} ({credit})", "repeat", i)
            pg.add(f"{cap} ({credit})", "repeat", i)
            pg.blank(i)
        city = rng.choice(CITIES)
        byline = None
        if rng.random() < 0.7:
            pg.add(f"«{site['name']}» ({city})", "byline", i)
            pg.blank(i)
            byline = {"author": None, "publisher": site["name"], "dateline": city}
        body = []
        for p in st["paras"]:
            pg.add(p, "body", i)
            body.append(p)
            last = len(pg.lines)
            pg.blank(i)
        related = []
        if rng.random() < 0.8:
            pg.blank(i)
            pg.add("مقالات ذات صلة", "boilerplate", i)
            pg.blank(i)
            for t in self.teasers(rng, rng.randint(2, 5), epoch, exclude):
                tcap, tcred = make_caption(rng, t)
                pg.add(t["title"], "teaser", i)
                pg.blank(i)
                pg.add(f"{t['section']} {tcap} ({tcred})", "teaser", i)
                pg.blank(i)
                pg.add(t["title"], "teaser", i)
                pg.blank(i)
                pg.add(t["summary"], "teaser", i)
                pg.blank(i)
                tcity = rng.choice(CITIES)
                pg.add(f"«{site['name']}» ({tcity})", "teaser", i)
                related.append({"title": t["title"], "section": t["section"],
                                "image_caption": {"text": tcap, "credit": tcred}, "summary": t["summary"],
                                "byline": {"author": None, "publisher": site["name"], "dateline": tcity}})
            pg.blank(i)
        return self.gold(st["title"], [{"text": cap, "credit": credit}], body, byline, None, related, first, last)

    def foot_mast(self, pg, site, rng, dates, epoch, exclude):
        if rng.random() < 0.7:
            pg.blank()
            pg.add("الأكثر قراءة", "boilerplate")
            for t in self.teasers(rng, 5, epoch, exclude):
                pg.add(t["title"], "teaser")
            pg.blank()
            pg.add(f"© {site['name']} 2015 جميع الحقوق محفوظة", "boilerplate")
            pg.add("من نحن | اتصل بنا | سياسة الخصوصية | الإعلان", "boilerplate")

    # w3m ----------------------------------------------------------------------------------
    def head_w3m(self, pg, site, rng, dates, epoch, exclude):
        for m in site["ascii_menu"]:
            pg.add(f"  • {m}", "boilerplate")
        pg.add("  • ●", "boilerplate")
        pg.blank()
        for m in site["menu"]:
            pg.add(f"  • {m}", "boilerplate")
        pg.blank()
        if rng.random() < 0.7:
            t = self.teasers(rng, 1, epoch, exclude)[0]
            pg.add(f"عاجل: {t['title']}", "boilerplate")  # ticker: site furniture, not a teaser block
            pg.blank()
        pg.add(f"الرئيسية > {rng.choice(SECTIONS)} > {site['name']}", "boilerplate")
        pg.blank()

    def story_w3m(self, pg, site, st, i, rng, dates, epoch, exclude):
        first = len(pg.lines) + 1
        indent = " " * rng.randint(40, 80)
        pg.add(indent + st["title"], "title", i)
        pg.blank(i)
        pg.add(" " * rng.randint(40, 80) + dates["long"], "date", i)
        pg.add(" " * rng.randint(80, 100) + rng.choice(["[Gal]", "[photo]", "[img-main]"]), "boilerplate", i)
        pg.blank(i)
        body = []
        last = first
        for p in st["paras"]:
            parts = wrap(p, 200)
            for k, part in enumerate(parts):
                lead = " " * rng.randint(0, 3) if k == 0 else " " * rng.randint(20, 80)
                pg.add(lead + part, "body", i)
                body.append(part)
                last = len(pg.lines)
            pg.blank(i)
        pg.add(
            f" ترحب {site['name']} بالنقاش الحيوي والمفيد، ونرجو الالتزام بإرشادات الاستخدام قبل نشر تعليقك. جميع المشاركات تخضع لسياسة الخصوصية وشروط استخدام الموقع.",
            "boilerplate", i,
        )
        pg.blank(i)
        return self.gold(" ".join(st["title"].split()), [], body, None, dates["long"], [], first, last)

    def foot_w3m(self, pg, site, rng, dates, epoch, exclude):
        pg.add("الأكثر تصفحاً", "boilerplate")
        pg.blank()
        for k, t in enumerate(self.teasers(rng, rng.randint(4, 6), epoch, exclude), start=1):
            pg.add(f"  {k}. {t['title']}", "teaser")
        pg.blank()
        pg.add(f"© 2015 {site['name']}. جميع الحقوق محفوظة.", "boilerplate")
        pg.add("  • شروط الاستخدام  • سياسة الخصوصية  • اتصل بنا", "boilerplate")

    # lynx ---------------------------------------------------------------------------------
    def head_lynx(self, pg, site, rng, dates, epoch, exclude):
        self.refs = 0
        pg.add("   [mobile_logo.png]", "boilerplate")
        pg.add("     * البث الحي", "boilerplate")
        pg.add("     * العضوية", "boilerplate")
        pg.add("       ____________________ (BUTTON) ابحث", "boilerplate")
        pg.blank()
        for m in site["menu"]:
            self.refs += 1
            pg.add(f"     * [{self.refs}]{m}", "boilerplate")
        pg.blank()
        pg.add("   " + dates["today"], "boilerplate")
        pg.blank()

    def story_lynx(self, pg, site, st, i, rng, dates, epoch, exclude):
        sec = rng.choice(SECTIONS)
        pg.add(f"   الأخبار {sec}", "boilerplate", i)
        pg.blank(i)
        first = len(pg.lines) + 1
        pg.add(st["title"], "title", i)
        pg.blank(i)
        pg.add("   " + dates["hijri"], "date", i)
        cap, credit = make_caption(rng, st)
        pg.add(f"   {cap} ({credit}) {cap} ({credit})", "caption", i)
        pg.add("   شارك", "boilerplate", i)
        for w in ["Twitter", "Facebook", "WhatsApp"]:
            pg.add("     * 0 0 0", "boilerplate", i)
            pg.add(f"       {w}", "boilerplate", i)
        pg.blank(i)
        pg.add(f"   القسم: {sec}", "boilerplate", i)
        pg.blank(i)
        related = []
        if rng.random() < 0.6:
            pg.add("متعلقات", "boilerplate", i)
            pg.blank(i)
            for t in self.teasers(rng, rng.randint(3, 5), epoch, exclude):
                pg.add(f"     * {t['title']}", "teaser", i)
                related.append({"title": t["title"], "section": None, "image_caption": None, "summary": None, "byline": None})
            pg.blank(i)
        body = []
        last = first
        for p in st["paras"]:
            parts = wrap(p, 76) if rng.random() < 0.3 else [p]
            for part in parts:
                pg.add("   " + part, "body", i)
                body.append(part)
                last = len(pg.lines)
            pg.blank(i)
        pg.add("   المصدر : وكالات", "byline", i)
        pg.blank(i)
        pg.add("   كلمات مفتاحية: " + "، ".join(rng.sample(SECTIONS, 3)), "boilerplate", i)
        pg.blank(i)
        if rng.random() < 0.5:
            pg.add("اقرأ أيضاً", "boilerplate", i)
            for t in self.teasers(rng, 3, epoch, exclude):
                self.refs += 1
                pg.add(f"     * [{self.refs}]{t['title']}", "teaser", i)
                related.append({"title": t["title"], "section": None, "image_caption": None, "summary": None, "byline": None})
            pg.blank(i)
        return self.gold(st["title"], [{"text": cap, "credit": credit}], body,
                         {"author": None, "publisher": "وكالات", "dateline": None}, dates["hijri"], related, first, last)

    def foot_lynx(self, pg, site, rng, dates, epoch, exclude):
        pg.add("أهم الأخبار", "boilerplate")
        pg.blank()
        for t in self.teasers(rng, rng.randint(3, 6), epoch, exclude):
            self.refs += 1
            pg.add(f"   [{self.refs}]{t['title']}", "teaser")
            pg.add("   " + rng.choice(["قبل ساعة", "قبل 9 ساعات", "قبل 9 دقائق"]), "teaser")
        pg.blank()
        pg.add(f"   جميع الحقوق محفوظة © 2015 {site['name']}", "boilerplate")
        pg.blank()
        pg.add("References", "boilerplate")
        pg.blank()
        for k in range(1, self.refs + 1):
            pg.add(f"  {k:>3}. https://www.{site['domain']}/node/{rng.randint(1000, 99999)}", "boilerplate")

    # river --------------------------------------------------------------------------------
    def head_river(self, pg, site, rng, dates, epoch, exclude):
        pg.add(f"{site['name']} | {dates['today']}", "boilerplate")
        pg.add(" | ".join(site["menu"]), "boilerplate")
        pg.add(f"{rng.choice(CITIES)} {rng.randint(28, 46)}° {rng.choice(['مشمس', 'غائم جزئيا', 'رياح مثيرة للغبار'])}", "boilerplate")
        pg.blank()

    def story_river(self, pg, site, st, i, rng, dates, epoch, exclude):
        pg.add(rng.choice(SECTIONS), "boilerplate", i)
        first = len(pg.lines) + 1
        pg.add(st["title"], "title", i)
        pg.add(dates["rel"] if rng.random() < 0.5 else dates["plain"], "date", i)
        d = pg.lines[-1][0]
        if rng.random() < 0.5:
            au = rng.choice(AUTHORS)
            line = f"كتب: {au}"
            byline = {"author": au, "publisher": None, "dateline": None}
        else:
            city = rng.choice(CITIES)
            line = f"{city} - واس"
            byline = {"author": None, "publisher": "واس", "dateline": city}
        pg.add(line, "byline", i)
        pg.blank(i)
        body = []
        last = first
        for p in st["paras"]:
            pg.add(p, "body", i)
            body.append(p)
            last = len(pg.lines)
        pg.add("شارك: فيسبوك | تويتر | واتساب | البريد", "boilerplate", i)
        pg.add("-" * 40, "boilerplate", i)
        pg.blank(i)
        return self.gold(st["title"], [], body, byline, d, [], first, last)

    def foot_river(self, pg, site, rng, dates, epoch, exclude):
        pg.add("أضف تعليقك", "boilerplate")
        pg.add("الاسم", "boilerplate")
        pg.add("البريد الإلكتروني", "boilerplate")
        pg.add("إرسال", "boilerplate")
        pg.blank()
        pg.add("اشترك في النشرة البريدية ليصلك أهم الأخبار", "boilerplate")
        pg.add(f"جميع الحقوق محفوظة لـ {site['name']} ©2015", "boilerplate")

    # amp ----------------------------------------------------------------------------------
    def head_amp(self, pg, site, rng, dates, epoch, exclude):
        pg.add("القائمة", "boilerplate")
        pg.add("بحث", "boilerplate")
        pg.add(site["name"], "boilerplate")
        pg.blank()

    def story_amp(self, pg, site, st, i, rng, dates, epoch, exclude):
        first = len(pg.lines) + 1
        pg.add(st["title"], "title", i)
        pg.add(dates["slash"], "date", i)
        pg.add("حجم الخط  A+  A-", "boilerplate", i)
        pg.add("طباعة", "boilerplate", i)
        pg.blank(i)
        city = rng.choice(CITIES)
        pg.add(f"{site['name']} - {city}:", "byline", i)
        body = []
        last = first
        for p in st["paras"]:
            pg.add(p, "body", i)
            body.append(p)
            last = len(pg.lines)
            pg.blank(i)
        return self.gold(st["title"], [], body, {"author": None, "publisher": site["name"], "dateline": city},
                         dates["slash"], [], first, last)

    def foot_amp(self, pg, site, rng, dates, epoch, exclude):
        pg.add("تابعنا على: تويتر فيسبوك يوتيوب انستقرام", "boilerplate")
        pg.add(f"جميع الحقوق محفوظة © {site['name']} 2015", "boilerplate")


# --------------------------------------------------------------------------------------------
# Near-duplicate edits


def near_edit(st: dict, rng: random.Random, others: list[dict]) -> tuple[dict, list[str]]:
    st = {**st, "paras": st["paras"][:]}
    kinds = ["headline", "lead", "trim"]
    pick = rng.sample(kinds, rng.randint(1, 3))
    edits = []
    if "headline" in pick:
        o = rng.choice(others)["title"].split()
        t = st["title"].split()
        # a new headline: half the original words, half another headline's
        st["title"] = " ".join(t[: max(1, len(t) // 2)] + o[len(o) // 2 :]) or st["title"]
        edits.append("headline")
    if "lead" in pick and st["paras"]:
        words = st["paras"][0].split()
        r = rng.random()
        if r < 0.34:
            words = [f"{rng.choice(CITIES)} - {rng.choice(AGENCIES)}:"] + words
        elif r < 0.67 and len(words) > 12:
            a = rng.randrange(2, len(words) - 8)
            del words[a : a + rng.randint(3, 6)]
        elif len(words) > 4:
            a = rng.randrange(0, len(words) - 1)
            words[a], words[a + 1] = words[a + 1], words[a]
        st["paras"][0] = " ".join(words)
        edits.append("lead")
    if "trim" in pick:
        if len(st["paras"]) > 2:
            st["paras"].pop()
        else:
            sents = re.split(r"(?<=[.!؟])\s+", st["paras"][-1])
            if len(sents) > 1:
                st["paras"][-1] = " ".join(sents[:-1])
        edits.append("trim")
    return st, edits


# --------------------------------------------------------------------------------------------


class Out:
    def __init__(self, path: Path, zst: bool):
        self.path = path
        if zst:
            import zstandard

            self._raw = open(path, "wb")
            self.f = zstandard.ZstdCompressor(level=1).stream_writer(self._raw)
        else:
            # mtime=0 and no file name in the header: byte-identical output for a given seed.
            self._raw = open(path, "wb")
            self.f = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, compresslevel=1, mtime=0)
        self.bytes = 0

    def write(self, obj) -> None:
        b = (json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        self.bytes += len(b)
        self.f.write(b)

    def close(self):
        self.f.close()
        if self._raw:
            self._raw.close()


def rle(xs: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for x in xs:
        if out and out[-1][0] == x:
            out[-1][1] += 1
        else:
            out.append([x, 1])
    return out


def check(outdir: Path, ext: str) -> int:
    """Consistency of the written gold with the written pages: one label per line, `blank` exactly
    on whitespace-only lines, each article's body and title equal to its labelled lines, `lines`
    spanning title to last body line. Returns the number of problems (printed)."""
    def rd(name):
        with gzip.open(outdir / name, "rt", encoding="utf-8") if ext == "jsonl.gz" else _zst_lines(outdir / name) as f:
            for line in f:
                yield json.loads(line)

    pages = {d["id"]: d["text"] for d in rd(f"pages.{ext}")}
    bad = 0
    for g in rd(f"gold.{ext}"):
        lines = pages[g["id"]].split("\n")
        labs = g["labels"]
        arts = [x for x, c in g["article_of_line"] for _ in range(c)]
        if len(labs) != len(lines) or len(arts) != len(lines):
            print(f"check: {g['id']}: {len(labs)} labels for {len(lines)} lines", file=sys.stderr)
            bad += 1
            continue
        for i, (t, c) in enumerate(zip(lines, labs)):
            if (c == "k") != (t.strip() == ""):
                print(f"check: {g['id']} line {i + 1}: blank label mismatch", file=sys.stderr)
                bad += 1
        for k, art in enumerate(g["articles"], start=1):
            body = [" ".join(lines[i].split()) for i, c in enumerate(labs) if c == "b" and arts[i] == k]
            title = [" ".join(lines[i].split()) for i, c in enumerate(labs) if c == "t" and arts[i] == k]
            f0, l0 = art["lines"]
            if body != [" ".join(b.split()) for b in art["body"]] or title != [" ".join(art["title"].split())] \
                    or labs[f0 - 1] != "t" or labs[l0 - 1] != "b":
                print(f"check: {g['id']} article {k}: gold does not match its lines", file=sys.stderr)
                bad += 1
    print(f"check: {len(pages)} pages, {bad} problems", file=sys.stderr)
    return bad


def _zst_lines(path: Path):
    import io

    import zstandard

    return io.TextIOWrapper(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input", nargs="?", type=Path, default=SAUDINEWSNET)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size-mb", type=float, default=10.0, help="target size of the page text (MB, 10**6 bytes)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--pages-dir", type=Path, help="also write X.txt + X.labels.tsv + X.gold.json")
    ap.add_argument("--pages-max", type=int, default=50, help="pages written to --pages-dir")
    ap.add_argument("--exact-rate", type=float, default=0.04, help="share of pages that are exact duplicates")
    ap.add_argument("--near-rate", type=float, default=0.04, help="share of pages that are near duplicates")
    ap.add_argument("--zst", action="store_true", help="write .jsonl.zst (needs zstandard) instead of .jsonl.gz")
    ap.add_argument("--no-gold", action="store_true")
    ap.add_argument("--check", action="store_true", help="verify the written gold against the pages afterwards")
    a = ap.parse_args()

    arts = load_articles(a.input)
    if not arts:
        print("gen_pages: no usable articles in input", file=sys.stderr)
        return 1
    sites = make_sites()
    site_by_key = {s["key"]: s for s in sites}
    subst = Substituter(arts, a.seed)
    b = Builder(arts, subst, sites, a.seed)
    rng = random.Random(f"{a.seed}/main")

    a.out.mkdir(parents=True, exist_ok=True)
    ext = "jsonl.zst" if a.zst else "jsonl.gz"
    pages_out = Out(a.out / f"pages.{ext}", a.zst)
    gold_out = None if a.no_gold else Out(a.out / f"gold.{ext}", a.zst)
    dups = open(a.out / "dups.tsv", "w", encoding="utf-8")
    dups.write("dup_id\tdup_article\torig_id\torig_article\tkind\tedits\n")
    if a.pages_dir:
        a.pages_dir.mkdir(parents=True, exist_ok=True)

    target = int(a.size_mb * 1e6)
    total = 0
    n = 0
    order = list(range(len(arts)))
    epoch = -1  # the first shuffle starts epoch 0
    pos = len(order)
    recent: list[dict] = []  # recent originals to duplicate: {"id", "site", "stories", "text"}
    counts = Counter()
    style_counts = Counter()
    labels_count = Counter()

    def next_story() -> dict:
        nonlocal pos, epoch
        if pos >= len(order):
            epoch += 1
            random.Random(f"{a.seed}/order/{epoch}").shuffle(order)
            pos = 0
        i = order[pos]
        pos += 1
        return b.story(i, epoch)

    while total < target:
        n += 1
        pid = f"p{a.seed}-{n:07d}"
        r = rng.random()
        kind = "orig"
        if recent and r < a.exact_rate:
            kind = "exact-page" if rng.random() < 0.5 else "exact-article"
        elif recent and r < a.exact_rate + a.near_rate:
            kind = "near"
        prng = random.Random(f"{a.seed}/page/{n}")

        if kind == "exact-page":
            src = rng.choice(recent)
            text, site, golds, lines = src["text"], src["site"], src["golds"], src["lines"]
            stories = src["stories"]
            for k in range(1, len(stories) + 1):
                dups.write(f"{pid}\t{k}\t{src['id']}\t{k}\texact-page\t\n")
            url = f"https://www.{site['domain']}/print/{src['id']}?utm_source=share"
        else:
            if kind in ("exact-article", "near"):
                src = rng.choice(recent)
                k = prng.randrange(len(src["stories"]))
                base = src["stories"][k]
                others = [site for site in sites if site["key"] != src["site"]["key"]]
                site = prng.choice(others)
                if kind == "near":
                    story, edits = near_edit(base, prng, b.teasers(prng, 1, base["epoch"], {base["src"]}))
                else:
                    story, edits = base, []
                stories = [story]
                if site["style"] == "river":
                    stories.append(next_story())
                dups.write(f"{pid}\t1\t{src['id']}\t{k + 1}\t{kind}\t{','.join(edits)}\n")
            else:
                first = next_story()
                site = site_by_key[OUTLET_SITE.get(b.arts[first["src"]]["outlet"], "mast")]
                if site["style"] == "river":
                    nst = prng.choice([2, 2, 3])
                else:
                    nst = 1 if prng.random() < 0.8 else 2
                stories = [first] + [next_story() for _ in range(nst - 1)]
            pg, golds = b.render(site, stories, prng, stories[0]["epoch"])
            lines = pg.lines
            text = "\n".join(t for t, _, _ in lines) + "\n"
            url = f"https://www.{site['domain']}/{stories[0]['epoch']}/{n}.html"
        counts[kind] += 1
        style_counts[site["style"]] += 1

        rec = {"id": pid, "url": url, "source": site["domain"]}
        if prng.random() < 0.5:
            rec["title"] = f"{stories[0]['title']} | {site['name']}"
        rec["text"] = text
        pages_out.write(rec)
        total += len(text.encode("utf-8"))

        all_lines = lines + [("", 0, "blank")]  # text ends in "\n": split gives a final ""
        for _, _, lab in all_lines:
            labels_count[lab] += 1
        if gold_out:
            gold_out.write({
                "id": pid,
                "synthetic": stories[0]["epoch"] > 0,
                "labels": "".join(LABEL_CODE[lab] for _, _, lab in all_lines),
                "article_of_line": rle([art for _, art, _ in all_lines]),
                "articles": golds,
            })
        if a.pages_dir and n <= a.pages_max:
            (a.pages_dir / f"{pid}.txt").write_text(text, encoding="utf-8")
            with open(a.pages_dir / f"{pid}.labels.tsv", "w", encoding="utf-8") as f:
                f.write("line\tarticle\tlabel\n")
                for j, (_, art, lab) in enumerate(all_lines, start=1):
                    f.write(f"{j}\t{art}\t{lab}\n")
            gj = {"source_file": f"{pid}.txt", "publisher": site["name"], "articles": golds}
            (a.pages_dir / f"{pid}.gold.json").write_text(json.dumps(gj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

        if kind == "orig":
            recent.append({"id": pid, "site": site, "stories": stories, "text": text, "golds": golds, "lines": lines})
            if len(recent) > 500:
                recent.pop(prng.randrange(len(recent)))

    pages_out.close()
    if gold_out:
        gold_out.close()
    dups.close()
    h = hashlib.sha256()
    with open(pages_out.path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    manifest = {
        "generator": "bench/gen_pages.py",
        "seed": a.seed,
        "size_mb_target": a.size_mb,
        "text_bytes": total,
        "pages": n,
        "input": str(a.input),
        "source_articles_usable": len(arts),
        "epochs_used": epoch + 1,
        "rates": {"exact": a.exact_rate, "near": a.near_rate},
        "page_kinds": dict(sorted(counts.items())),
        "styles": dict(sorted(style_counts.items())),
        "line_labels": dict(sorted(labels_count.items())),
        "sites": [{"domain": s["domain"], "style": s["style"]} for s in sites],
        "files": {"pages": pages_out.path.name, "gold": None if a.no_gold else f"gold.{ext}", "dups": "dups.tsv"},
        "pages_sha256": h.hexdigest(),
        "notes": [
            "dups.tsv lists injected duplicates only; the source corpus has natural exact and near duplicates too.",
            "Epoch >= 1 pages use word-substituted text (synthetic: true in the gold).",
        ],
    }
    (a.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"gen_pages: {n} pages, {total / 1e6:.1f} MB of text, kinds {dict(counts)}, epochs {epoch + 1} -> {a.out}", file=sys.stderr)
    if a.check and not a.no_gold:
        return 1 if check(a.out, ext) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
