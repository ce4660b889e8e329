//! HTML rendering of the report: escaping, inline SVG charts, the sections.

use super::{ReportData, ReportOptions, SamplePage};
use crate::report::sample::LineFate;
use std::fmt::Write as _;

const CSS: &str = r#"
:root{color-scheme:light dark;--bg:#fdfdfc;--fg:#1d1f22;--muted:#5f6670;--line:#d9dce1;--card:#f3f4f6;
--a:#2f6fb2;--b:#d0782a;--kept:#e3f4e5;--kept-b:#2e8540;--removed:#fbe4e4;--removed-b:#c03535;
--field:#e4ecfb;--field-b:#3560c0;--rejected:#f6e7c8;--rejected-b:#a86b00;--blank:transparent}
@media (prefers-color-scheme:dark){:root{--bg:#16181b;--fg:#e6e8eb;--muted:#9aa3ad;--line:#343a42;
--card:#202328;--a:#6aa6e8;--b:#eba25c;--kept:#1d3324;--kept-b:#5cc274;--removed:#3d2020;
--removed-b:#f07c7c;--field:#1f2a40;--field-b:#7fa4f0;--rejected:#3b3020;--rejected-b:#e0b050}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Naskh Arabic","Noto Sans Arabic",sans-serif}
main{max-width:1200px;margin:0 auto;padding:16px 20px 60px}
h1{font-size:26px;margin:8px 0}h2{font-size:20px;margin:32px 0 10px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:16px;margin:16px 0 6px}
nav a{margin-inline-end:12px}a{color:var(--a)}
.muted{color:var(--muted)}.num{font-variant-numeric:tabular-nums;text-align:end}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}
.card{background:var(--card);border-radius:8px;padding:10px 12px}
.card .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}.card .k{color:var(--muted);font-size:13px}
.flow{font-size:17px;margin:12px 0}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;vertical-align:top;text-align:start}
th{cursor:pointer;user-select:none;background:var(--card);position:sticky;top:0}
td.num,th.num{text-align:end}
.wrap{overflow-x:auto;max-width:100%}
.tpl{font-size:13px;margin:0;padding:0;list-style:none}
.tpl li{white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:420px}
.tpl .df{color:var(--muted);font-variant-numeric:tabular-nums;margin-inline-start:6px}
svg{max-width:100%;height:auto;display:block}
svg text{fill:var(--fg);font:12px system-ui,sans-serif}
svg .a{fill:var(--a)}svg .b{fill:var(--b)}svg .axis{stroke:var(--line)}
.legend span{display:inline-block;width:12px;height:12px;border-radius:2px;margin:0 4px 0 12px;vertical-align:middle}
.sample{border:1px solid var(--line);border-radius:8px;margin:14px 0;padding:8px 12px}
.sample summary{cursor:pointer;font-weight:600}
.cols{display:grid;grid-template-columns:minmax(0,1.2fr) minmax(0,1fr);gap:14px;margin-top:8px}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
ol.lines{margin:0;padding:0;list-style:none;font-size:14px}
ol.lines li{padding:1px 8px;border-inline-start:4px solid transparent;white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.3em}
ol.lines li::before{content:attr(value);display:inline-block;min-width:2.6em;margin-inline-end:6px;color:var(--muted);font-size:11px;font-variant-numeric:tabular-nums;direction:ltr}
li.f-kept{background:var(--kept);border-color:var(--kept-b)}
li.f-removed{background:var(--removed);border-color:var(--removed-b)}
li.f-field{background:var(--field);border-color:var(--field-b)}
li.f-rejected{background:var(--rejected);border-color:var(--rejected-b)}
li.f-blank{min-height:.6em}
.key span{display:inline-block;padding:0 8px;margin:2px;border-inline-start:4px solid;border-radius:2px}
.key .f-kept{background:var(--kept);border-color:var(--kept-b)}.key .f-removed{background:var(--removed);border-color:var(--removed-b)}
.key .f-field{background:var(--field);border-color:var(--field-b)}.key .f-rejected{background:var(--rejected);border-color:var(--rejected-b)}
.article{background:var(--card);border-radius:6px;padding:8px 12px;margin-bottom:8px;white-space:pre-wrap;overflow-wrap:anywhere}
.article h4{margin:0 0 6px;font-size:15px}
.status{font-size:12px;font-family:ui-monospace,monospace;direction:ltr;unicode-bidi:isolate}
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:13px}
.bad{color:var(--removed-b)}.good{color:var(--kept-b)}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.addEventListener('click',function(){
      var body=t.tBodies[0];if(!body)return;
      var rows=Array.prototype.slice.call(body.rows);
      var asc=th.getAttribute('data-dir')!=='asc';
      th.setAttribute('data-dir',asc?'asc':'desc');
      rows.sort(function(a,b){
        var x=a.cells[i],y=b.cells[i];if(!x||!y)return 0;
        var u=x.getAttribute('data-sort')||x.textContent,v=y.getAttribute('data-sort')||y.textContent;
        var p=parseFloat(u),q=parseFloat(v);
        var c=(!isNaN(p)&&!isNaN(q))?p-q:u.localeCompare(v);
        return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
"#;

/// Escapes text for HTML content and attribute values.
pub(super) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => o.push('\u{FFFD}'),
            c => o.push(c),
        }
    }
    o
}

/// `rtl` when the text has Arabic letters, else `ltr`.
pub(super) fn dir_of(s: &str) -> &'static str {
    if s.chars().any(|c| {
        matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
    }) {
        "rtl"
    } else {
        "ltr"
    }
}

/// A JSON pointer token (RFC 6901).
fn ptr(parts: &[&str]) -> String {
    let mut s = String::new();
    for p in parts {
        s.push('/');
        s.push_str(&p.replace('~', "~0").replace('/', "~1"));
    }
    s
}

/// Thousands-separated integer.
fn int(n: u64) -> String {
    let s = n.to_string();
    let mut o = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            o.push(',');
        }
        o.push(c);
    }
    o
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// Renders the number at `pointer` in `stats.json` as an element with `data-stat`/`data-value`.
fn stat(data: &ReportData, pointer: &str, tag: &str) -> String {
    let v = data.stats_json.pointer(pointer);
    let raw = v.map(|v| v.to_string()).unwrap_or_else(|| "null".into());
    let shown = match v {
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(u) => int(u),
            None => n
                .as_f64()
                .map(|f| {
                    if f.abs() >= 100.0 {
                        format!("{f:.0}")
                    } else {
                        format!("{f:.2}")
                    }
                })
                .unwrap_or_default(),
        },
        Some(serde_json::Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(other) => other.to_string(),
        None => "–".into(),
    };
    format!(
        "<{tag} data-stat=\"{}\" data-value=\"{}\">{}</{tag}>",
        esc(pointer),
        esc(&raw),
        esc(&shown)
    )
}

fn card(out: &mut String, label: &str, value_html: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><div class=\"v\">{value_html}</div><div class=\"k\">{}</div></div>",
        esc(label)
    );
}

/// Horizontal bar chart: one row per (label, value).
fn hbars(rows: &[(String, u64)], title: &str) -> String {
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1);
    let (lw, bw, rh) = (280.0, 560.0, 22.0);
    let h = rows.len() as f64 * rh + 8.0;
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {} {h}\" width=\"{}\" height=\"{h}\">",
        esc(title),
        lw + bw + 90.0,
        lw + bw + 90.0
    );
    for (i, (label, v)) in rows.iter().enumerate() {
        let y = i as f64 * rh + 4.0;
        let w = (*v as f64 / max as f64 * bw).max(if *v > 0 { 1.0 } else { 0.0 });
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"a\" x=\"{lw}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" rx=\"2\"><title>{}: {}</title></rect><text x=\"{:.1}\" y=\"{}\">{}</text>",
            lw - 8.0,
            y + 15.0,
            esc(label),
            rh - 6.0,
            esc(label),
            v,
            lw + w + 6.0,
            y + 15.0,
            int(*v)
        );
    }
    s.push_str("</svg>");
    s
}

/// Vertical grouped bars: one group per label, one bar per series (classes `a`, `b`).
fn vbars(labels: &[String], series: &[(&str, Vec<u64>)], title: &str) -> String {
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let n = labels.len().max(1) as f64;
    let (w, h, left, bottom, top) = (900.0, 260.0, 50.0, 40.0, 12.0);
    let gw = (w - left - 10.0) / n;
    let bw = (gw * 0.8) / series.len().max(1) as f64;
    let ph = h - bottom - top;
    let mut s = format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
        esc(title)
    );
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>",
        h - bottom,
        w - 10.0,
        h - bottom,
        left - 4.0,
        top + 10.0,
        int(max),
        left - 4.0,
        h - bottom
    );
    for (gi, label) in labels.iter().enumerate() {
        let gx = left + gi as f64 * gw + gw * 0.1;
        for (si, (name, vals)) in series.iter().enumerate() {
            let v = vals.get(gi).copied().unwrap_or(0);
            let bh = v as f64 / max as f64 * ph;
            let class = if si == 0 { "a" } else { "b" };
            let _ = write!(
                s,
                "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"><title>{} {}: {}</title></rect>",
                gx + si as f64 * bw,
                h - bottom - bh,
                (bw - 1.0).max(1.0),
                bh,
                esc(name),
                esc(label),
                v
            );
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            gx + gw * 0.4,
            h - bottom + 16.0,
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

fn size_label(chars: u64) -> String {
    if chars >= 1 << 20 {
        format!("{}M", chars >> 20)
    } else if chars >= 1 << 10 {
        format!("{}k", chars >> 10)
    } else {
        chars.to_string()
    }
}

/// The whole page.
pub(super) fn render(d: &ReportData, opts: &ReportOptions) -> String {
    let s = &d.stats;
    let mut o = String::with_capacity(256 * 1024);
    o.push_str("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\"><head><meta charset=\"utf-8\">");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    o.push_str("<meta name=\"color-scheme\" content=\"light dark\">");
    o.push_str("<title>ghirbal clean report</title><style>");
    o.push_str(CSS);
    o.push_str("</style></head><body><main>");
    let _ = write!(
        o,
        "<header><h1>ghirbal clean report <span lang=\"ar\" dir=\"rtl\">غربال</span></h1><p class=\"muted\">preset <code>{}</code> · stats schema {} · reconciled: {}</p>",
        esc(&s.preset),
        s.schema,
        stat(d, "/reconciled", "span")
    );
    o.push_str("<nav><a href=\"#overview\">Overview</a><a href=\"#rejections\">Rejections</a><a href=\"#domains\">Domains</a><a href=\"#lengths\">Lengths</a><a href=\"#clusters\">Duplicates</a><a href=\"#languages\">Languages</a><a href=\"#samples\">Samples</a></nav></header>");
    overview(&mut o, d);
    rejections(&mut o, d);
    domains(&mut o, d, opts);
    lengths(&mut o, d);
    clusters(&mut o, d);
    languages(&mut o, d);
    samples(&mut o, d, opts);
    o.push_str("<script>");
    o.push_str(SCRIPT);
    o.push_str("</script></main></body></html>\n");
    o
}

fn overview(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str("<section id=\"overview\"><h2>Overview</h2>");
    let _ = write!(
        o,
        "<p class=\"flow\">{} input items → {} records → {} articles found → <strong>{}</strong> kept ({} of found)</p>",
        stat(d, "/records/items", "span"),
        stat(d, "/records/records", "span"),
        stat(d, "/articles/found", "span"),
        stat(d, "/articles/kept", "span"),
        pct(s.articles.kept, s.articles.found)
    );
    o.push_str("<div class=\"cards\">");
    for (label, p) in [
        ("input files", "/inputs/files"),
        ("input bytes", "/inputs/bytes"),
        ("text bytes", "/inputs/text_bytes"),
        ("unreadable items", "/records/input_rejects"),
        ("records with articles", "/records/with_articles"),
        ("records rejected", "/records/rejected"),
        ("articles filtered", "/articles/filtered"),
        ("duplicates removed", "/articles/duplicates"),
        ("learned templates", "/templates"),
        ("wall time (s)", "/timings/total_s"),
        ("throughput (MB/s)", "/timings/mb_per_s"),
        ("threads", "/timings/threads"),
    ] {
        card(o, label, &stat(d, p, "span"));
    }
    o.push_str("</div><h3>Time by phase (s)</h3><div class=\"cards\">");
    for (label, p) in [
        ("survey", "/timings/survey_s"),
        ("clean", "/timings/clean_s"),
        ("dedup", "/timings/dedup_s"),
        ("write", "/timings/write_s"),
    ] {
        card(o, label, &stat(d, p, "span"));
    }
    o.push_str("</div>");
    if !s.line_roles.is_empty() {
        o.push_str("<h3>Input lines by role</h3>");
        let rows: Vec<(String, u64)> = s
            .line_roles
            .iter()
            .map(|(r, n)| (format!("{r:?}").to_lowercase(), *n))
            .collect();
        o.push_str(&hbars(&rows, "input lines by role"));
        o.push_str("<table class=\"sortable\"><thead><tr><th>role</th><th class=\"num\">lines</th></tr></thead><tbody>");
        for (name, _) in &rows {
            let _ = write!(
                o,
                "<tr><td>{}</td>{}</tr>",
                esc(name),
                stat_td(d, &ptr(&["line_roles", name]))
            );
        }
        o.push_str("</tbody></table>");
    }
    if !s.line_reasons.is_empty() {
        let mut rows: Vec<(String, u64)> = s
            .line_reasons
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let _ = write!(
            o,
            "<h3>Lines not in article text, by reason{}</h3>",
            if rows.len() > 30 { " (top 30)" } else { "" }
        );
        rows.truncate(30);
        o.push_str(&hbars(&rows, "removed lines by reason"));
    }
    o.push_str("</section>");
}

/// A `<td class="num">` holding a stat.
fn stat_td(d: &ReportData, pointer: &str) -> String {
    stat(d, pointer, "td").replacen("<td ", "<td class=\"num\" ", 1)
}

fn rejections(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str("<section id=\"rejections\"><h2>Rejection reasons</h2>");
    if s.rejects_by_reason.is_empty() {
        o.push_str("<p class=\"muted\">Nothing was rejected.</p></section>");
        return;
    }
    let mut rows: Vec<(String, u64)> = s
        .rejects_by_reason
        .iter()
        .map(|(k, v)| (k.clone(), *v))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    o.push_str(&hbars(&rows, "rejects by reason"));
    let total: u64 = rows.iter().map(|r| r.1).sum();
    o.push_str("<div class=\"wrap\"><table class=\"sortable\"><thead><tr><th>reason</th><th class=\"num\">rejects</th><th class=\"num\">share</th></tr></thead><tbody>");
    for (k, v) in &rows {
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td>{}<td class=\"num\">{}</td></tr>",
            esc(k),
            stat_td(d, &ptr(&["rejects_by_reason", k])),
            pct(*v, total)
        );
    }
    o.push_str("</tbody></table></div><h3>By stage</h3><table><tbody>");
    for k in s.rejects_by_stage.keys() {
        let _ = write!(
            o,
            "<tr><td>{}</td>{}</tr>",
            esc(k),
            stat_td(d, &ptr(&["rejects_by_stage", k]))
        );
    }
    o.push_str("</tbody></table></section>");
}

fn domains(o: &mut String, d: &ReportData, opts: &ReportOptions) {
    let s = &d.stats;
    o.push_str("<section id=\"domains\"><h2>Domains</h2>");
    let mut order: Vec<(&String, &crate::pipeline::stats::DomainCounts)> =
        s.domains.iter().collect();
    order.sort_by(|a, b| b.1.records.cmp(&a.1.records).then(a.0.cmp(b.0)));
    let shown = order.len().min(opts.max_domains);
    let _ = write!(
        o,
        "<p class=\"muted\">{} domains{}. Click a column to sort.</p>",
        int(order.len() as u64),
        if shown < order.len() {
            format!(", the {shown} largest shown")
        } else {
            String::new()
        }
    );
    o.push_str("<div class=\"wrap\"><table class=\"sortable\"><thead><tr><th>domain</th><th class=\"num\">documents</th><th class=\"num\">articles</th><th class=\"num\">kept</th><th class=\"num\">kept %</th><th>top rejects</th><th class=\"num\">templates</th><th>top learned template lines (documents)</th></tr></thead><tbody>");
    for (name, dc) in order.iter().take(shown) {
        let mut rej: Vec<(&String, &u64)> = dc.rejected.iter().collect();
        rej.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let rej_html: Vec<String> = rej
            .iter()
            .take(3)
            .map(|(k, v)| format!("<code>{}</code> {}", esc(k), int(**v)))
            .collect();
        let mut tpl_html = String::from("<ul class=\"tpl\">");
        if let Some(dt) = d.templates.as_ref().and_then(|t| t.domains.get(*name)) {
            let mut ts: Vec<&crate::survey::Template> = dt.templates.iter().collect();
            ts.sort_by(|a, b| b.df.cmp(&a.df).then(a.pattern.cmp(&b.pattern)));
            // Several patterns can share an example line: show each line once.
            let mut seen = std::collections::BTreeSet::new();
            ts.retain(|t| seen.insert(t.example.trim()));
            for t in ts.iter().take(opts.max_template_lines) {
                let ex: String = t.example.chars().take(120).collect();
                let _ = write!(
                    tpl_html,
                    "<li title=\"{} · {}\"><bdi dir=\"{}\">{}</bdi><span class=\"df\">{}</span></li>",
                    esc(&format!("{:?}", t.kind).to_lowercase()),
                    esc(&t.why),
                    dir_of(&ex),
                    esc(&ex),
                    int(t.df as u64)
                );
            }
        }
        tpl_html.push_str("</ul>");
        let _ = write!(
            o,
            "<tr><td><bdi dir=\"{}\">{}</bdi></td>{}{}{}<td class=\"num\" data-sort=\"{}\">{}</td><td>{}</td>{}<td>{}</td></tr>",
            dir_of(name),
            esc(name),
            stat_td(d, &ptr(&["domains", name, "records"])),
            stat_td(d, &ptr(&["domains", name, "articles"])),
            stat_td(d, &ptr(&["domains", name, "kept"])),
            if dc.articles > 0 {
                dc.kept as f64 / dc.articles as f64
            } else {
                -1.0
            },
            pct(dc.kept, dc.articles),
            rej_html.join("<br>"),
            stat_td(d, &ptr(&["domains", name, "templates"])),
            tpl_html
        );
    }
    o.push_str("</tbody>");
    if shown < order.len() {
        let rest = &order[shown..];
        let (r, a, k): (u64, u64, u64) = rest.iter().fold((0, 0, 0), |acc, (_, dc)| {
            (acc.0 + dc.records, acc.1 + dc.articles, acc.2 + dc.kept)
        });
        let _ = write!(
            o,
            "<tfoot><tr><td>{} more domains</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td></td><td></td><td></td></tr></tfoot>",
            int(rest.len() as u64),
            int(r),
            int(a),
            int(k),
            pct(k, a)
        );
    }
    o.push_str("</table></div></section>");
}

fn lengths(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str("<section id=\"lengths\"><h2>Length distributions</h2><p class=\"muted\">Characters, log₂ buckets: a bucket labelled <i>n</i> counts lengths in [<i>n</i>, 2<i>n</i>). Before: record texts; after: kept article texts.</p>");
    let nb = s.length_in.0.len().max(s.length_out.0.len());
    if nb == 0 {
        o.push_str("<p class=\"muted\">No records.</p></section>");
        return;
    }
    let labels: Vec<String> = (0..nb).map(|i| size_label(1u64 << i.min(62))).collect();
    let get = |v: &Vec<u64>| {
        (0..nb)
            .map(|i| v.get(i).copied().unwrap_or(0))
            .collect::<Vec<_>>()
    };
    o.push_str("<p class=\"legend\"><span style=\"background:var(--a)\"></span>before (records)<span style=\"background:var(--b)\"></span>after (kept articles)</p>");
    o.push_str(&vbars(
        &labels,
        &[
            ("before", get(&s.length_in.0)),
            ("after", get(&s.length_out.0)),
        ],
        "length histograms",
    ));
    o.push_str("<div class=\"wrap\"><table><thead><tr><th>chars ≥</th><th class=\"num\">before</th><th class=\"num\">after</th></tr></thead><tbody>");
    for (i, l) in labels.iter().enumerate() {
        let is = i.to_string();
        let cell = |name: &str, len: usize| {
            if i < len {
                stat_td(d, &ptr(&[name, &is]))
            } else {
                "<td class=\"num\">0</td>".to_string()
            }
        };
        let _ = write!(
            o,
            "<tr><td>{}</td>{}{}</tr>",
            esc(l),
            cell("length_in", s.length_in.0.len()),
            cell("length_out", s.length_out.0.len())
        );
    }
    o.push_str("</tbody></table></div></section>");
}

fn clusters(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str("<section id=\"clusters\"><h2>Duplicate clusters</h2>");
    if s.dedup.is_some() {
        let _ = write!(
            o,
            "<p>{} documents deduplicated: {} exact and {} near duplicates removed, and {} \
             copies whose text is inside the kept article.</p>",
            stat(d, "/dedup/docs", "span"),
            stat(d, "/dedup/exact_dups", "span"),
            stat(d, "/dedup/near_dups", "span"),
            stat(d, "/dedup/contained_dups", "span")
        );
    } else {
        o.push_str("<p class=\"muted\">Deduplication was off.</p>");
    }
    if !s.cluster_sizes.is_empty() {
        o.push_str("<h3>Cluster sizes</h3>");
        let rows: Vec<(String, u64)> = s
            .cluster_sizes
            .iter()
            .take(40)
            .map(|(k, v)| (format!("size {k}"), *v))
            .collect();
        o.push_str(&hbars(&rows, "clusters by size"));
        o.push_str("<table class=\"sortable\"><thead><tr><th class=\"num\">size</th><th class=\"num\">clusters</th></tr></thead><tbody>");
        for k in s.cluster_sizes.keys().take(200) {
            let ks = k.to_string();
            let _ = write!(
                o,
                "<tr><td class=\"num\">{}</td>{}</tr>",
                k,
                stat_td(d, &ptr(&["cluster_sizes", &ks]))
            );
        }
        o.push_str("</tbody></table>");
    }
    if !d.clusters.is_empty() {
        o.push_str("<h3>Largest clusters</h3>");
        for (ci, cv) in d.clusters.iter().enumerate() {
            let c = &cv.cluster;
            let _ = write!(
                o,
                "<details class=\"sample\"{}><summary>{} members · {} · <code>{}</code></summary><ol>",
                if ci < 5 { " open" } else { "" },
                int(c.size as u64),
                esc(&c.domains.join(", ")),
                esc(&c.cluster)
            );
            let mut shown: Vec<&String> = c.members.iter().take(8).collect();
            if !shown.contains(&&c.canonical) {
                shown.insert(0, &c.canonical);
            }
            for m in shown {
                let (title, domain) = cv.members.get(m).cloned().unwrap_or((None, None));
                let t = title.unwrap_or_else(|| "(no title)".into());
                let _ = write!(
                    o,
                    "<li><bdi dir=\"{}\">{}</bdi> <span class=\"muted\">— {} · <code>{}</code>{}</span></li>",
                    dir_of(&t),
                    esc(&t),
                    esc(domain.as_deref().unwrap_or("-")),
                    esc(m),
                    if *m == c.canonical { " · <strong>kept</strong>" } else { "" }
                );
            }
            if c.members.len() > 8 {
                let _ = write!(o, "<li class=\"muted\">… {} more</li>", c.members.len() - 8);
            }
            if c.earlier_members > 0 {
                let _ = write!(
                    o,
                    "<li class=\"muted\">{} from earlier runs</li>",
                    c.earlier_members
                );
            }
            o.push_str("</ol></details>");
        }
    }
    o.push_str("</section>");
}

fn languages(o: &mut String, d: &ReportData) {
    let s = &d.stats;
    o.push_str("<section id=\"languages\"><h2>Languages of kept articles</h2>");
    if s.languages.is_empty() {
        o.push_str("<p class=\"muted\">No kept articles.</p></section>");
        return;
    }
    let mut rows: Vec<(String, u64)> = s.languages.iter().map(|(k, v)| (k.clone(), *v)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    o.push_str(&hbars(&rows, "kept articles by language"));
    let total: u64 = rows.iter().map(|r| r.1).sum();
    o.push_str("<table><thead><tr><th>language</th><th class=\"num\">articles</th><th class=\"num\">share</th></tr></thead><tbody>");
    for (k, v) in &rows {
        let _ = write!(
            o,
            "<tr><td><code>{}</code></td>{}<td class=\"num\">{}</td></tr>",
            esc(k),
            stat_td(d, &ptr(&["languages", k])),
            pct(*v, total)
        );
    }
    o.push_str("</tbody></table></section>");
}

fn fate_name(f: LineFate) -> &'static str {
    match f {
        LineFate::Kept => "kept",
        LineFate::Field => "field",
        LineFate::Removed => "removed",
        LineFate::Rejected => "rejected",
        LineFate::Blank => "blank",
    }
}

fn sample_html(p: &SamplePage, open: bool) -> String {
    let mut o = String::new();
    let kept = p.articles.iter().filter(|a| a.status == "kept").count();
    let _ = write!(
        o,
        "<details class=\"sample\"{} data-kind=\"{}\"><summary>{} <bdi dir=\"ltr\"><code>{}</code></bdi> · {} · removed {:.0}% · {} kept of {} articles</summary>",
        if open { " open" } else { "" },
        esc(&p.kind),
        if p.kind == "worst" { "worst case" } else { "sample" },
        esc(&p.id),
        esc(p.domain.as_deref().unwrap_or("-")),
        p.removed_fraction * 100.0,
        kept,
        p.articles.len()
    );
    if let Some(u) = &p.url {
        let _ = write!(
            o,
            "<div class=\"muted\" dir=\"ltr\"><code>{}</code></div>",
            esc(u)
        );
    }
    o.push_str("<div class=\"cols\"><div><h4>Original lines</h4>");
    if p.lines.is_empty() {
        o.push_str("<p class=\"muted\">Original lines not available for this run (no samples.jsonl.zst).</p>");
    } else {
        let page_dir = dir_of(
            &p.lines
                .iter()
                .take(40)
                .map(|l| l.text.as_str())
                .collect::<String>(),
        );
        let _ = write!(o, "<ol class=\"lines\" dir=\"{page_dir}\">");
        for l in &p.lines {
            let role = l
                .role
                .map(|r| format!("{r:?}").to_lowercase())
                .unwrap_or_else(|| "?".into());
            let tip = if l.fate == LineFate::Blank {
                String::new()
            } else {
                format!(
                    " title=\"{}\"",
                    esc(&format!("{} · {} · {}", fate_name(l.fate), role, l.reason))
                )
            };
            let _ = write!(
                o,
                "<li value=\"{}\" class=\"f-{}\"{tip}>{}</li>",
                l.n,
                fate_name(l.fate),
                esc(&l.text)
            );
        }
        o.push_str("</ol>");
        if p.truncated_lines > 0 {
            let _ = write!(
                o,
                "<p class=\"muted\">… {} more lines not shown.</p>",
                p.truncated_lines
            );
        }
    }
    o.push_str("</div><div><h4>Result</h4>");
    if p.articles.is_empty() {
        o.push_str("<p class=\"muted\">No article.</p>");
    }
    for a in &p.articles {
        let ok = a.status == "kept";
        let title = a.title.as_deref().unwrap_or("");
        let _ = write!(
            o,
            "<div class=\"article\"><div class=\"status {}\" dir=\"ltr\">{} · {}</div>",
            if ok { "good" } else { "bad" },
            esc(&a.id),
            esc(&a.status)
        );
        if !title.is_empty() {
            let _ = write!(o, "<h4 dir=\"{}\">{}</h4>", dir_of(title), esc(title));
        }
        // The text starts with the title (shown above it).
        let text = a
            .text
            .strip_prefix(title)
            .filter(|_| !title.is_empty())
            .unwrap_or(&a.text)
            .trim_start();
        if !text.is_empty() {
            let _ = write!(o, "<div dir=\"{}\">{}</div>", dir_of(text), esc(text));
        }
        o.push_str("</div>");
    }
    o.push_str("</div></div></details>");
    o
}

fn samples(o: &mut String, d: &ReportData, opts: &ReportOptions) {
    o.push_str("<section id=\"samples\"><h2>Sample pages</h2>");
    if d.samples.is_empty() {
        o.push_str("<p class=\"muted\">No samples.</p></section>");
        return;
    }
    o.push_str("<p class=\"muted\">A deterministic sample of records (smallest xxh3 of the id), then the records that lost the largest share of their text. Hover a line for its role and reason.</p>");
    o.push_str("<p class=\"key\"><span class=\"f-kept\">kept in the article text</span><span class=\"f-field\">kept as a field (caption, byline, date)</span><span class=\"f-removed\">removed</span><span class=\"f-rejected\">in a rejected article or record</span></p>");
    let budget_end = o.len() + opts.sample_budget_bytes;
    let mut shown = 0usize;
    let mut seen_kind: std::collections::BTreeMap<&str, usize> = Default::default();
    for p in d.samples.iter().take(opts.max_samples) {
        // The first few of each kind are open; the rest one click away.
        let k = seen_kind.entry(p.kind.as_str()).or_default();
        *k += 1;
        let h = sample_html(p, *k <= 3);
        if o.len() + h.len() > budget_end {
            break;
        }
        o.push_str(&h);
        shown += 1;
    }
    if shown < d.samples.len().min(opts.max_samples) {
        let _ = write!(
            o,
            "<p class=\"muted\">{} more sample pages left out to keep this report small.</p>",
            d.samples.len().min(opts.max_samples) - shown
        );
    }
    o.push_str("</section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_directions() {
        assert_eq!(
            esc("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(dir_of("وزير الاقتصاد"), "rtl");
        assert_eq!(dir_of("Minister"), "ltr");
        assert_eq!(ptr(&["domains", "a/b~c", "kept"]), "/domains/a~1b~0c/kept");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(int(12), "12");
        assert_eq!(size_label(2048), "2k");
    }

    #[test]
    fn charts_have_one_bar_per_value() {
        let s = hbars(&[("a".into(), 3), ("b".into(), 0)], "t");
        assert_eq!(s.matches("<rect").count(), 2);
        let v = vbars(
            &["1".into(), "2".into()],
            &[("x", vec![1, 2]), ("y", vec![0, 5])],
            "t",
        );
        assert_eq!(v.matches("<rect").count(), 4);
    }
}
