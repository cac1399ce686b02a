/** The dashboard's style sheet, inlined in the page under its nonce. */
export const DASHBOARD_STYLE = `
:root { --ink: #1d2433; --muted: #5b6475; --line: #d9dde5; --bg: #f5f6f8; --card: #fff;
  --ok: #1b7f3b; --bad: #a4161a; --warn: #9a6700; --accent: #2952cc; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 1.5rem; padding: 0.8rem 1.5rem; background: #1d2433; color: #fff; }
header h1 { margin: 0; font-size: 1.15rem; }
#status { margin: 0; color: #c8cfdd; font-size: 0.85rem; }
#status.error { color: #ffb4b4; }
main { padding: 1rem 1.5rem 3rem; display: grid; gap: 1rem; }
#top { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
@media (max-width: 1100px) { #top { grid-template-columns: minmax(0, 1fr); } }
#sps { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.9rem 1.1rem; min-width: 0; }
.card h2 { margin: 0 0 0.5rem; font-size: 1.05rem; display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
.card h3 { margin: 0.9rem 0 0.35rem; font-size: 0.9rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
.tag { font-size: 0.75rem; font-weight: 500; padding: 0.05rem 0.45rem; border-radius: 999px; background: #e8ecf7; color: var(--accent); }
.tag.bad { background: #fbe4e4; color: var(--bad); }
.tag.warn { background: #fff1cc; color: var(--warn); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; margin: 0; }
dt { color: var(--muted); }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: #f0f2f6; padding: 0 0.25rem; border-radius: 3px; }
pre { background: #f6f7f9; border: 1px solid var(--line); padding: 0.5rem; overflow: auto; max-height: 22rem; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0.3rem 0; }
a { color: var(--accent); }
table { width: 100%; border-collapse: collapse; font-size: 0.85rem; }
th, td { text-align: left; padding: 0.2rem 0.4rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; white-space: nowrap; }
td.empty { color: var(--muted); font-style: italic; }
.nowrap { white-space: nowrap; overflow-wrap: normal; }
.ok { color: var(--ok); }
.bad { color: var(--bad); }
.hint { color: var(--muted); margin: 0.2rem 0 0.5rem; font-size: 0.85rem; }
button { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.6rem; border: 1px solid #b8bfcc; border-radius: 4px; background: #fff; cursor: pointer; }
button:hover { background: #eef1f7; }
button.danger { border-color: #e0a3a3; color: var(--bad); }
button:disabled { opacity: 0.5; cursor: progress; }
select, input[type=text] { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.3rem; max-width: 100%; }
.row { display: flex; gap: 0.4rem; align-items: center; flex-wrap: wrap; margin: 0.3rem 0; }
.links a { margin-right: 0.8rem; }
.faults-on li { margin: 0.15rem 0; }
.scroll { max-height: 14rem; overflow: auto; }
.scroll.tall { max-height: 40rem; }
#log-table td:nth-child(4) { max-width: 28rem; }
#log-table tbody tr { cursor: pointer; }
#log-table tbody tr:hover { background: #f3f5fa; }
#log-table tr.details { cursor: default; background: #fafbfc; }
`;
