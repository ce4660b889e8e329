#!/usr/bin/env python3
"""Builds the embedded sample corpus `news-sample.jsonl` from the repository's own page fixtures
(crates/ghirbal/tests/fixtures/pages: text written for this project, no third-party text).

Three imagined sites each wrap the fixture articles in their own page template (menus, a date
line, share bar, a recurring sign-off, a contact footer, a glued byline prefix), so `ghirbal clean`
has per-site boilerplate to learn; the raw fixture pages are included as they are; a few records
are broken on purpose (empty text, a number as text, a non-Arabic page) and one agency story is
republished by two sites with a new headline, so every stage has something to do.
Deterministic: rerunning gives the same bytes.
"""
import json, glob, os

HERE = os.path.dirname(os.path.abspath(__file__))
PAGES = os.path.join(HERE, "..", "crates", "ghirbal", "tests", "fixtures", "pages")

SITES = [
    {
        "domain": "akhbar-alwadi.example",
        "head": ["أخبار الوادي", "الرئيسية | محليات | اقتصاد | رياضة | ثقافة | اتصل بنا", "{date}"],
        "byline_prefix": "الوادي- {city}:",
        "tail": ["شارك الخبر: فيسبوك | تويتر | واتساب", "لمراسلة المحرر: desk@akhbar-alwadi.example",
                 "جميع الحقوق محفوظة © أخبار الوادي"],
    },
    {
        "domain": "sahel-news.example",
        "head": ["• الرئيسية", "• العالم", "• اقتصاد", "• منوعات", "آخر تحديث: {date}"],
        "byline_prefix": None,
        "tail": ["...المزيد", "مقالات أخرى للكاتب", "© ساحل نيوز - يحظر النقل دون إذن مسبق"],
    },
    {
        "domain": "alnahar-daily.example",
        "head": ["النهار اليومي", "[بحث] [دخول]", "{date}"],
        "byline_prefix": "النهار - {city}:",
        "tail": ["* خدمة «النهار اليومي» الإخبارية", "تابعونا على تطبيق النهار اليومي",
                 "سياسة الخصوصية | شروط الاستخدام"],
    },
]
CITIES = ["الرياض", "جدة", "عمّان", "تونس", "القاهرة", "بيروت", "الدوحة"]
DATES = ["الأحد 3 مارس 2024", "الاثنين 4 مارس 2024", "الثلاثاء 5 مارس 2024", "الأربعاء 6 مارس 2024"]


def articles():
    out = []
    for f in sorted(glob.glob(os.path.join(PAGES, "*.gold.json"))):
        g = json.load(open(f, encoding="utf-8"))
        for a in g["articles"]:
            if a["title"] and len(a["body"]) >= 2:
                out.append((os.path.basename(f).split(".")[0], a))
    return out


def page(site, k, art):
    lines = [l.format(date=DATES[k % len(DATES)]) for l in site["head"]]
    lines += ["", art["title"], DATES[k % len(DATES)], ""]
    body = list(art["body"])
    if site["byline_prefix"]:
        body[0] = site["byline_prefix"].format(city=CITIES[k % len(CITIES)]) + " " + body[0]
    for p in body:
        lines += [p, ""]
    lines += site["tail"]
    return "\n".join(lines) + "\n"


def main():
    arts = articles()
    records = []
    for k, (name, art) in enumerate(arts):
        site = SITES[k % len(SITES)]
        records.append({"id": f"{site['domain']}/{k}", "url": f"https://{site['domain']}/news/{k}",
                        "title": art["title"], "text": page(site, k, art)})
    # A story republished by another site under a new headline (a near duplicate).
    name, art = arts[0]
    copy = dict(art, title="عنوان جديد للخبر نفسه بعد إعادة نشره")
    site = SITES[1]
    records.append({"id": f"{site['domain']}/republished", "url": f"https://{site['domain']}/news/republished",
                    "title": copy["title"], "text": page(site, 99, copy)})
    # The raw fixture pages as scraped (no separate title).
    for f in sorted(glob.glob(os.path.join(PAGES, "*.txt"))):
        if "cp1256" in f:
            continue
        text = open(f, encoding="utf-8").read()
        records.append({"id": "page/" + os.path.basename(f), "url": None, "source": "fixtures", "text": text})
    # Broken records: every one must come out as a reject with a reason.
    records.append({"id": "broken/empty", "url": "https://sahel-news.example/empty", "text": ""})
    records.append({"id": "broken/number", "url": "https://sahel-news.example/number", "text": 42})
    records.append({"id": "broken/english", "url": "https://example.org/en",
                    "text": "This page is written in English only.\n\nIt has no Arabic text at all, so the "
                            "language filter of the arabic-news preset rejects it with a reason, "
                            "and the reason shows up in the rejects file and in stats.json.\n"})
    with open(os.path.join(HERE, "news-sample.jsonl"), "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        out.write("{this line is not JSON}\n")
    print(len(records) + 1, "records")


if __name__ == "__main__":
    main()
