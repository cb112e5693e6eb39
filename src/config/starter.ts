// The commented starter report.config.yaml that `svreport init` writes: every documented key
// with its default, most of them commented out, so a new user sees what can be set.
// test/config.test.ts checks that it normalizes without problems.

export const STARTER_CONFIG = `# yaml-language-server: $schema=./node_modules/short-video-report/config/report.schema.json
# The schema above gives editors completion and checks; the path assumes short-video-report is
# installed in this folder's node_modules (in its own repository: ./config/report.schema.json).
# Every key is optional except input.path (or --input CSV). Unknown keys are errors.

title: Short-video report

input:
  path: data/sample.csv         # your export, one row per video (relative to this file)
  # encoding: auto              # auto | utf-8 | utf-16le | utf-16be | windows-1252
  # delimiter: auto             # auto | "," | ";" | tab | "|"
  # dedupe: last                # rows with the same video id or link are one video: last | none

# A weekly folder of exports instead (each file one export, its date in its name, such as
# tiktok-2025-06-08.csv): every file is read, one row per video, and the Momentum tab shows
# what each video gained last week. Replace the input above with:
# input:
#   path: exports/*.csv
# or a list of paths, patterns and entries { path, platform, sheet, columns }:
# input:
#   - path: exports/tiktok/*.csv
#     platform: TikTok          # for an export without a platform column
#   - path: exports/youtube/*.csv
#     platform: YouTube
# and set period: last-week and compare: previous below.

# Column detection is automatic; name a header here when it guesses wrong:
# columns:
#   views: Total views
#   creator: Account username

timezone: UTC                   # IANA name, e.g. Europe/Berlin
# dateFormat: auto              # auto | DMY | MDY, for dates such as 03/04/2025

period: all                     # all | last-week | last-7-days | last-month | month-to-date
# period: { from: 2025-01-01, to: 2025-08-31 }
compare: none                   # previous: show each headline figure's change vs the period before

# locale: en-US                 # de-DE | fr-FR | es-ES | ...: the report's words, numbers and dates
# branding:
#   logo: assets/logo.svg       # PNG, JPEG or SVG (sanitised), at most 1 MiB, on the cover
#   accent: "#1f6feb"           # headings, links and charts (darkened when too light to read)
#   footer: Confidential - Acme # one line at the foot of every PDF page

filters:
  platform: []                  # e.g. [TikTok, YouTube]; empty = all
  country: []
  category: []
  creator: []
  minViews: 0

virality:
  threshold: auto               # auto (90th percentile) | a score such as 0.8 | "top 10%"

# scoring:
#   weights: { views: 0.30, shares: 0.40, engagement: 0.30 }
#   viralPotential: { medium: 0.75, high: 0.90 }
#   tierQuantiles: [0.5, 0.8, 0.95, 0.99]

sections:
  growth:
    metrics: [views, engagement_rate]   # views likes comments shares engagement_rate virality_score
    period: week                        # day | week | month
  creators:
    rankBy: views                       # views | engagement_rate | shares | comments | virality_score
    top: 15
  content:
    top: 15
  virality:
    top: 100
    bins: 30
  segments:
    - { by: platform, metric: engagement_rate, aggregation: median }
    - { by: country, metric: views, aggregation: median }
    - { by: category, metric: virality_score, aggregation: median }
    - { by: duration_bucket, metric: views, aggregation: median }
    - { by: performance_tier, metric: engagement_rate, aggregation: median }
  # momentum: false              # leave a section out (any section id)
  explorer:
    previewRows: 50

# Several reports in one run, each overriding the settings above:
# reports:
#   - { id: all, title: All platforms }
#   - { id: tiktok, title: TikTok weekly, filters: { platform: [TikTok] } }
# splitBy: none                 # creator | platform | country | category: one report per value
# maxReports: 50

output:
  dir: out/{report}             # tokens: {report} {period} {date}; --out replaces "out"
  formats: [html, pdf, json, csv]
  # keep: 12                   # snapshots per report to keep (older ones removed); absent: all

theme: light                    # light | dark
# pdf: { format: A4, landscape: false, timeoutMs: 60000 }

# Email each report after the build (svreport build --send), once per period:
# delivery:
#   email:
#     to: [growth@example.com]
#     from: "Short-video reports <reports@example.com>"
#     attach: [pdf]
#     smtp: { host: smtp.example.com, port: 587, security: starttls, user: reports, passwordEnv: SMTP_PASSWORD }
`;
