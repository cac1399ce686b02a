/**
 * The stylesheet of report.html: light and dark, one colour per outcome (the matrix cells, the
 * chart's bars and the badges share them), no web fonts or images.
 */

/** The page's stylesheet. */
export const PAGE_STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --critical: #8b0000; --error: #cf222e; --warning: #9a6700; --note: #0969da; --passed: #1a7f37;
  --blocked: #8250df; --not-applicable: #818b98; }
@media (prefers-color-scheme: dark) { :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d;
  --critical: #ff6a69; --error: #f85149; --warning: #d29922; --note: #4493f8; --passed: #3fb950;
  --blocked: #ab7df8; --not-applicable: #656c76; } }
body { margin: 0 auto; max-width: 84rem; padding: 1.25rem 1.5rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 1.6rem; margin: 0; } h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; } h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
.verdict.pass { color: var(--passed); } .verdict.fail { color: var(--error); } .verdict.none { color: var(--warning); }
.detail { margin: .25rem 0; font-weight: 500; }
.meta, .shown, .hint { color: var(--muted); font-size: .85rem; margin: .25rem 0; }
.counts { display: flex; flex-wrap: wrap; gap: .4rem; margin: .75rem 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-left: 4px solid var(--tone, var(--line)); border-radius: .4rem;
  padding: .15rem .6rem; font-size: .9rem; }
.counts li.zero { color: var(--muted); border-left-color: var(--line); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 0; text-align: left; vertical-align: top; }
table.matrix td { height: 1px; }
table.matrix th { padding: .3rem .5rem; font-size: .85rem; white-space: nowrap; }
table.matrix th button { font: inherit; font-weight: 600; background: none; border: 0; color: inherit; cursor: pointer; padding: 0; }
table.matrix td.total { border-left: 3px solid var(--line); }
button.cell { display: grid; grid-template-columns: auto auto; align-content: start; gap: 0 .6rem; width: 100%; height: 100%; min-width: 7.5rem; padding: .3rem .5rem;
  font: inherit; font-size: .8rem; text-align: left; color: var(--fg); cursor: pointer; border: 0;
  border-left: 5px solid var(--tone); background: color-mix(in srgb, var(--tone) 16%, var(--bg)); }
button.cell.compact { min-width: 5rem; display: block; }
table.matrix th.operation { white-space: normal; font-weight: 400; min-width: 16rem; max-width: 34rem; }
button.cell:disabled { cursor: default; background: none; border-left-color: transparent; color: var(--muted); }
button.cell.selected { outline: 3px solid var(--fg); outline-offset: -3px; }
button.cell .head { grid-column: 1 / -1; font-weight: 700; font-size: .9rem; }
button.cell .zero { color: var(--muted); }
.tone-critical { --tone: var(--critical); } .tone-error { --tone: var(--error); } .tone-warning { --tone: var(--warning); }
.tone-note { --tone: var(--note); } .tone-passed { --tone: var(--passed); } .tone-blocked { --tone: var(--blocked); }
.tone-not-applicable { --tone: var(--not-applicable); } .tone-empty { --tone: transparent; } .tone-total { --tone: var(--fg); }
#chart { margin: 1rem 0 0; } #chart svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
#chart text { fill: var(--fg); } #chart .bar-passed { fill: var(--passed); } #chart .bar-failed { fill: var(--tone, var(--error)); }
#chart .bar-blocked { fill: var(--blocked); } #chart .track { fill: var(--line); opacity: .35; }
.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: .5rem 0; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
select, input, .filters button { font: inherit; padding: .2rem .4rem; }
.group > summary, .group > h3 { font-weight: 600; cursor: pointer; margin: 1rem 0 .4rem; }
.group > h3 { cursor: auto; }
.reason { margin: .3rem 0 .3rem 1rem; } .reason > summary { cursor: pointer; }
.reason > summary .n { color: var(--muted); }
.result { border: 1px solid var(--line); border-left: 4px solid var(--tone, var(--line)); border-radius: .4rem; margin: .35rem 0; }
.result > summary { cursor: pointer; padding: .4rem .7rem; display: flex; gap: .3rem .6rem; align-items: baseline; flex-wrap: wrap; }
.result > summary .title { flex: 1 1 24rem; }
.result > summary .tail { display: flex; gap: .6rem; margin-left: auto; }
.result > div { padding: .2rem .75rem .75rem; border-top: 1px solid var(--line); }
.badge { font-size: .72rem; font-weight: 700; text-transform: uppercase; border-radius: 1rem; padding: 0 .5rem;
  color: var(--bg); background: var(--tone, var(--not-applicable)); white-space: nowrap; }
.where { font-weight: 600; } .ids, .id { color: var(--muted); font-size: .82rem; }
.id { border-bottom: 1px dotted var(--muted); }
.fails { color: var(--error); font-size: .8rem; font-weight: 600; }
.message { white-space: pre-wrap; overflow-wrap: anywhere; }
dl.requirements { margin: .5rem 0; } dl.requirements dt { font-weight: 600; font-size: .9rem; }
dl.requirements dd { margin: 0 0 .4rem 1rem; color: var(--muted); font-size: .9rem; }
.evidence { border: 1px solid var(--line); border-radius: .4rem; margin: .5rem 0; }
.evidence > summary { cursor: pointer; padding: .3rem .6rem; font-size: .9rem; }
.evidence > div { padding: 0 .6rem .5rem; }
.line { margin: .4rem 0 .2rem; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: .8rem; overflow-wrap: anywhere; }
.label { margin: .4rem 0 .1rem; font-size: .78rem; font-weight: 600; color: var(--muted); }
.saml > .label { color: var(--note); }
pre { background: color-mix(in srgb, var(--fg) 6%, transparent); padding: .5rem; margin: 0; overflow: auto; max-height: 32rem;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: .78rem; tab-size: 2; }
.saml > pre { border-left: 3px solid var(--note); }
mark.changed { background: color-mix(in srgb, var(--critical) 22%, transparent); color: inherit; }
.raw > summary { cursor: pointer; font-size: .75rem; color: var(--muted); }
ol.timeline { list-style: none; padding: 0; margin: .3rem 0; border-left: 2px solid var(--line); }
ol.timeline li { margin: 0 0 .3rem; padding-left: .75rem; position: relative; font-size: .85rem; }
ol.timeline li::before { content: ""; position: absolute; left: -.38rem; top: .45rem; width: .6rem; height: .6rem;
  border-radius: 50%; background: var(--passed); }
ol.timeline li.failure::before { background: var(--error); }
ol.timeline time { font-family: ui-monospace, monospace; color: var(--muted); margin-right: .5rem; }
`;
