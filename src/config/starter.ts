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

# Column detection is automatic; name a header here when it guesses wrong:
# columns:
#   views: Total views
#   creator: Account username

timezone: UTC                   # IANA name, e.g. Europe/Berlin
# dateFormat: auto              # auto | DMY | MDY, for dates such as 03/04/2025

period: all                     # all | last-week | last-7-days | last-month | month-to-date
# period: { from: 2025-01-01, to: 2025-08-31 }
compare: none                   # previous: show each headline figure's change vs the period before

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
`;
