/**
 * The public pages' stylesheets, inline (no request for them on a slow phone), in three parts so
 * each page carries only what it uses: every byte is sent with every view. Mobile first: one
 * column, large tap targets; the brand colour comes in as --brand / --on-brand.
 */
const compact = (css: string) => css.replace(/\n/g, '').trim();

/** Layout, cards, buttons, the thank-you badge: every page. */
export const BASE_CSS = compact(`
:root{--brand:#1d4ed8;--on-brand:#fff;--ink:#111827;--muted:#5b6472;--line:#e5e7eb;--bg:#f3f4f6;--ok:#047857;--err:#b91c1c}
*,*:before,*:after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.brand{background:var(--brand);color:var(--on-brand);padding:14px 16px 44px}
.brand-in{max-width:560px;margin:0 auto;display:flex;align-items:center;gap:12px}
.co{font-weight:650;font-size:1.05rem;letter-spacing:.01em}
.logo{width:40px;height:40px;border-radius:10px;background:#fff;object-fit:contain;padding:3px}
.mono{width:40px;height:40px;border-radius:10px;display:grid;place-items:center;font-weight:700;background:rgba(255,255,255,.18);border:1px solid rgba(255,255,255,.35)}
main{max-width:560px;margin:-32px auto 0;padding:0 12px}
.card{background:#fff;border-radius:16px;padding:20px 18px;margin:0 0 12px;box-shadow:0 1px 2px rgba(17,24,39,.06),0 4px 16px rgba(17,24,39,.06)}
.center{text-align:center;padding:28px 20px}
h1{font-size:1.5rem;line-height:1.25;margin:4px 0 6px}
h2{font-size:1.05rem;margin:0 0 12px}
p{margin:0 0 8px}
.eyebrow{color:var(--muted);font-size:.85rem;margin:0}
.eyebrow b{color:var(--ink);font-variant-numeric:tabular-nums}
.muted{color:var(--muted);font-size:.9rem}
.btn{display:block;width:100%;text-align:center;background:var(--brand);color:var(--on-brand);border:0;border-radius:12px;padding:14px 16px;font:inherit;font-weight:650;text-decoration:none;cursor:pointer;margin-top:8px}
.btn:focus-visible{outline:3px solid var(--ink);outline-offset:2px}
.btn[disabled]{opacity:.6}
.link{color:var(--brand);font-weight:600}
.big{width:64px;height:64px;border-radius:50%;display:grid;place-items:center;margin:4px auto 12px;background:#ecfdf5;color:var(--ok);font-size:2rem;font-weight:700}
.center .muted+.btn{margin-top:16px}
.after{margin-top:14px}
.stars{font-size:1.6rem;letter-spacing:2px;color:#f59e0b;margin:6px 0}
footer{max-width:560px;margin:8px auto 28px;padding:0 16px;text-align:center;color:var(--muted);font-size:.8rem}
footer p{margin:2px 0}
@media (min-width:480px){h1{font-size:1.7rem}}
`);

/** The stepper, the details list and the history: the tracking page. */
export const TRACKING_CSS = compact(`
.pill{display:inline-block;background:var(--bg);border-radius:999px;padding:3px 10px;font-size:.85rem;color:var(--ink);margin-top:6px}
.steps{list-style:none;display:flex;padding:0;margin:18px 0 6px}
.steps li{flex:1;position:relative;text-align:center;font-size:.78rem;color:var(--muted);padding-top:30px}
.steps li:before{content:"";position:absolute;top:4px;left:50%;transform:translateX(-50%);width:22px;height:22px;border-radius:50%;background:#fff;border:2px solid var(--line);z-index:1}
.steps li:after{content:"";position:absolute;top:14px;left:-50%;width:100%;height:2px;background:var(--line)}
.steps li:first-child:after{display:none}
.steps li.done:before{content:"✓";background:var(--brand);border-color:var(--brand);color:var(--on-brand);font-size:12px;line-height:18px;font-weight:700}
.steps li.done:after,.steps li.now:after{background:var(--brand)}
.steps li.now:before{border:6px solid var(--brand);box-shadow:0 0 0 3px color-mix(in srgb,var(--brand) 22%,transparent);background:#fff}
.steps li.done,.steps li.now{color:var(--ink);font-weight:600}
dl{margin:0}
dl div{padding:10px 0;border-top:1px solid var(--line)}
dl div:first-child{border-top:0;padding-top:0}
dt{font-size:.8rem;color:var(--muted)}
dd{margin:2px 0 0;overflow-wrap:anywhere}
.tl{list-style:none;margin:0;padding:0}
.tl li{position:relative;padding:0 0 16px 24px}
.tl li:before{content:"";position:absolute;left:3px;top:6px;width:12px;height:12px;border-radius:50%;background:var(--brand)}
.tl li:after{content:"";position:absolute;left:8px;top:20px;bottom:2px;width:2px;background:var(--line)}
.tl li:last-child{padding-bottom:0}
.tl li:last-child:after{display:none}
.tl li:not(:first-child):before{background:#fff;border:2px solid #c7ccd4}
.tl .t{font-weight:600;display:block}
.tl .d{display:block}
.tl time{display:block;color:var(--muted);font-size:.8rem}
`);

/** The score buttons, the comment box and the alerts: the survey form. */
export const SURVEY_CSS = compact(`
fieldset{border:0;padding:0;margin:0 0 18px;min-width:0}
legend{font-weight:650;font-size:1.05rem;margin-bottom:10px;padding:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.scale{display:grid;grid-template-columns:repeat(5,1fr);gap:8px}
.scale.nps{grid-template-columns:repeat(6,1fr)}
.scale label{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:56px;border:2px solid var(--line);border-radius:12px;background:#fff;cursor:pointer;font-weight:700;font-size:1.15rem;padding:6px 2px;text-align:center}
.scale.nps label{min-height:46px;font-size:1rem}
.scale label small{font-weight:500;font-size:.68rem;color:var(--muted);line-height:1.2;margin-top:2px}
.scale input:checked+label{border-color:var(--brand);background:var(--brand);color:var(--on-brand)}
.scale input:checked+label small{color:var(--on-brand)}
.scale input:focus-visible+label{outline:3px solid var(--ink);outline-offset:2px}
.ends{display:flex;justify-content:space-between;font-size:.75rem;color:var(--muted);margin-top:6px}
textarea{width:100%;min-height:110px;border:2px solid var(--line);border-radius:12px;padding:10px 12px;font:inherit;resize:vertical}
textarea:focus{outline:0;border-color:var(--brand)}
.count{text-align:right;font-size:.75rem;color:var(--muted);margin-top:4px}
.alert{border-radius:12px;padding:12px 14px;margin:0 0 16px;font-weight:500}
.alert.err{background:#fef2f2;color:var(--err);border:1px solid #fecaca}
.alert.info{background:#eff6ff;color:#1e3a8a;border:1px solid #bfdbfe}
.q{display:block;margin-bottom:8px}
@media (min-width:480px){.scale.nps{grid-template-columns:repeat(11,1fr)}}
`);

/**
 * Each page's whole stylesheet, joined once: a string made per request would be hashed again
 * for the CSP on every view (a constant keeps its hash).
 */
export const PAGE_STYLES = {
  base: BASE_CSS,
  tracking: BASE_CSS + TRACKING_CSS,
  survey: BASE_CSS + SURVEY_CSS,
} as const;
