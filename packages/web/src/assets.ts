// The one style sheet and the one small script, served from the package (no CDN, no web fonts). The script only
// adds live countdowns; every page works without it.

export const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:100%;line-height:1.5;color:#0b0c0c;background:#fff;-webkit-text-size-adjust:100%;overflow-wrap:break-word}
/* a long Swedish compound ("Tillgänglighetsredogörelse") or address is wider than a 320 px phone: break it, with a
   hyphen where the browser can hyphenate the page's language */
h1,h2,h3{hyphens:auto}
body{margin:0;min-height:100vh;display:flex;flex-direction:column}
.container{max-width:64rem;margin:0 auto;padding:0 1rem;width:100%}
.main{flex:1;padding-top:1rem;padding-bottom:3rem}
.main:focus{outline:none}
a{color:#1d4f91;text-decoration:underline;text-underline-offset:.15em}
a:visited{color:#4c2c92}
a:hover{color:#0b2d5c;text-decoration-thickness:.15em}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus,[tabindex]:focus-visible{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
a:focus{background:#ffdd00;color:#0b0c0c;text-decoration:none;box-shadow:0 -2px #ffdd00,0 4px #0b0c0c;outline:none}
h1{font-size:2rem;line-height:1.2;margin:0 0 1rem}
h2{font-size:1.5rem;line-height:1.25;margin:2rem 0 .75rem}
h3{font-size:1.2rem;margin:1.5rem 0 .5rem}
p{margin:0 0 1rem;max-width:42rem}
.skip-link{position:absolute;left:-9999px;top:0;padding:.5rem 1rem;background:#ffdd00;color:#0b0c0c;z-index:10}
.skip-link:focus{left:0}
.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important;border:0!important}
.header{background:#0b2d5c;color:#fff;border-bottom:.5rem solid #1d70b8}
.header-inner{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding-top:.75rem;padding-bottom:.75rem}
.header a,.header a:visited,.header .link-button{color:#fff}
.header a:focus,.header .link-button:focus{color:#0b0c0c}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.brand-short{border:2px solid #fff;padding:0 .3rem;margin-right:.3rem}
.header-tools{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.inline-form{display:inline;margin:0}
.header-search{display:flex;gap:.5rem;align-items:center}
.header-search-input{box-sizing:border-box;width:12.5em;min-height:2.5rem;padding:.35rem .5rem;font:inherit;border:2px solid #0b0c0c}
.header-search .link-button{min-height:2.5rem}
.assignee{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.button-small{padding:.2rem .6rem;font-size:.9rem;margin:0}
.link-button{background:none;border:0;padding:0;font:inherit;text-decoration:underline;cursor:pointer;color:#1d4f91}
.nav{background:#f3f2f1;border-bottom:1px solid #b1b4b6}
.nav a,.nav a:visited{color:#0b0c0c}
.nav-list{list-style:none;display:flex;flex-wrap:wrap;gap:0 1.5rem;margin:0 auto;padding-top:.5rem;padding-bottom:.5rem}
.nav a[aria-current=page]{font-weight:700;text-decoration-thickness:.2em}
.signed-in{color:#505a5f;font-size:.9rem}
.footer{border-top:1px solid #b1b4b6;background:#f3f2f1;padding:1.5rem 0;font-size:.9rem}
.footer a,.footer a:visited{color:#0b0c0c}
.field{margin-bottom:1.75rem}
.field-error{border-left:5px solid #b0271b;padding-left:.9rem}
.label,.legend{display:block;font-weight:700;margin-bottom:.25rem}
.legend-l{font-size:1.5rem;font-weight:700;margin-bottom:.5rem}
.fieldset{border:0;margin:0;padding:0;min-width:0}
.hint{color:#505a5f;margin-bottom:.4rem;max-width:42rem}
.optional{font-weight:400}
.error-message{color:#b0271b;font-weight:700;margin:0 0 .4rem}
.input,.select,.textarea{font:inherit;border:2px solid #0b0c0c;border-radius:0;padding:.35rem .5rem;background:#fff;color:#0b0c0c;min-height:2.5rem}
.input-full,.textarea{width:100%;max-width:42rem}
.input-medium{width:100%;max-width:20rem}
.input-short{width:6rem}
.select{max-width:100%;min-width:12rem}
.field-error .input,.field-error .select,.field-error .textarea{border-color:#b0271b}
.choices{display:flex;flex-direction:column;gap:.5rem}
.choices-inline{flex-direction:row;flex-wrap:wrap;gap:.5rem 1.5rem}
/* ">": only a choice's own radio or checkbox; the fields its reveal holds are laid out as anywhere else */
.choice{position:relative;padding-left:2.5rem;min-height:2rem}
.choice>input{position:absolute;left:0;top:0;width:1.75rem;height:1.75rem;margin:0;accent-color:#0b0c0c}
.choice-label{display:inline-block;padding-top:.15rem;cursor:pointer}
.choice-hint{margin:0}
.conditional{margin:.5rem 0 .5rem -1.6rem;padding:.5rem 0 0 1.6rem;border-left:4px solid #b1b4b6}
.choice>input:not(:checked)~.conditional{display:none}
.button{display:inline-block;font:inherit;font-weight:700;padding:.5rem 1rem;border:2px solid transparent;border-radius:0;background:#00703c;color:#fff;box-shadow:0 2px 0 #002d18;cursor:pointer;text-decoration:none;margin:0 .75rem .75rem 0}
.button:hover{background:#005a30}
.button-secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.button-secondary:hover{background:#dbdad9}
.button-warning{background:#b0271b;box-shadow:0 2px 0 #55150b}
.button:focus{background:#ffdd00;color:#0b0c0c;box-shadow:0 2px 0 #0b0c0c;outline:3px solid transparent}
a.button,a.button:visited{color:#fff}
a.button-secondary,a.button-secondary:visited{color:#0b0c0c}
.button-group{display:flex;flex-wrap:wrap;align-items:center;gap:0 1rem;margin-top:1.5rem}
.error-summary{border:5px solid #b0271b;padding:1rem 1.25rem;margin-bottom:2rem}
.error-summary:focus{outline:3px solid #ffdd00}
.error-summary-title{margin-top:0;font-size:1.3rem}
.error-summary-list{margin:0;padding-left:1.25rem}
.error-summary-list a,.error-summary-list a:visited{color:#b0271b;font-weight:700}
.notice{border-left:6px solid #1d70b8;background:#f3f2f1;padding:.75rem 1rem;margin-bottom:1.5rem;max-width:42rem}
.notice-success{border-color:#00703c}
.notice-warning{border-color:#b0271b}
.panel{background:#00703c;color:#fff;padding:1.5rem;margin-bottom:2rem;text-align:center;max-width:42rem}
.panel h1{margin-bottom:.5rem}
.panel-reference{font-size:2rem;font-weight:700;letter-spacing:.05em}
.steps{list-style:none;padding:0;margin:0 0 1.5rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-size:.9rem}
.steps li[aria-current=step]{font-weight:700}
.steps .done::before{content:"✓ ";}
.caption{color:#505a5f;font-size:1.1rem;margin-bottom:.25rem}
.summary-list{margin:0 0 2rem;max-width:48rem}
.summary-row{display:flex;flex-wrap:wrap;border-bottom:1px solid #b1b4b6;padding:.5rem 0}
.summary-row dt{font-weight:700;flex:0 0 40%;padding-right:1rem}
.summary-row dd{margin:0;flex:1}
.summary-row .summary-action{flex:0 0 auto;text-align:right}
/* positioned, so the visually hidden texts in a wide table are clipped by its scroller instead of widening the page */
.table-wrap{overflow-x:auto;margin-bottom:2rem;position:relative}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:700;font-size:1.1rem;margin-bottom:.5rem}
th,td{text-align:left;padding:.5rem .75rem .5rem 0;border-bottom:1px solid #b1b4b6;vertical-align:top}
th{font-weight:700}
td.num,th.num{text-align:right}
.tag{display:inline-block;padding:.1rem .45rem;font-weight:700;font-size:.85rem;background:#d2e2f1;color:#0b0c0c}
.tag-breached{background:#b0271b;color:#fff}
.tag-warned{background:#ffdd00;color:#0b0c0c}
.tag-acute{background:#6f0a2c;color:#fff}
.tag-done{background:#cce2d8;color:#005a30}
.timeline{list-style:none;padding:0;border-left:3px solid #1d70b8;margin:0 0 2rem .5rem}
.timeline li{padding:0 0 1rem 1rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.8rem;height:.8rem;background:#1d70b8;border-radius:50%}
.notes{list-style:none;padding:0;margin:0 0 2rem}
.notes li{border-left:3px solid #b1b4b6;padding:.25rem 0 .25rem 1rem;margin-bottom:1rem}
.notes .hint{margin:0}
.note-text{white-space:pre-wrap;margin:.25rem 0 0;max-width:40em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem}
.card{border:1px solid #b1b4b6;padding:1rem}
.card h2,.card h3{margin-top:0}
.stat{font-size:2.5rem;font-weight:700;line-height:1.1}
.chart{max-width:100%;height:auto}
.chart text{font:14px system-ui,Arial,sans-serif;fill:#0b0c0c}
details{margin-bottom:1rem}
.mail{white-space:pre-wrap;font:inherit;background:#f3f2f1;padding:.5rem;margin:.5rem 0 0}
summary{cursor:pointer;color:#1d4f91;text-decoration:underline}
@media (max-width:40rem){.header-tools{flex:1 1 100%}.header-search{flex:1 1 100%}.header-search-input{flex:1 1 auto;width:auto;min-width:0}h1{font-size:1.6rem}.summary-row dt{flex-basis:100%}.summary-row .summary-action{text-align:left}}
@media print{.header,.nav,.footer,.button,form{display:none}}
`;

export const SCRIPT = `
(function(){
  var sv=document.documentElement.lang==='sv';
  function fmt(ms){var m=Math.floor(Math.abs(ms)/60000),d=Math.floor(m/1440),h=Math.floor(m%1440/60),mm=m%60;
    if(d>0)return d+(sv?' dygn ':' d ')+h+' h';if(h>0)return h+' h '+mm+' min';return mm+' min';}
  function tick(){
    var items=document.querySelectorAll('time[data-countdown]');
    for(var i=0;i<items.length;i++){var el=items[i],due=Date.parse(el.getAttribute('datetime')),left=due-Date.now();
      el.textContent=left>=0?(sv?fmt(left)+' kvar':fmt(left)+' left'):(sv?fmt(left)+' försenad':fmt(left)+' overdue');
      if(left<0)el.classList.add('overdue');}
  }
  tick();setInterval(tick,30000);
})();
`;

// The case file's parts (pages/case-file.tsx): the person's card that leads a case, its facts and its flags. Kept
// apart from the rules above, and served after them.
export const CASE_FILE_CSS = `
.case-person{border:3px solid #1d70b8;padding:1rem;margin:0 0 2rem;max-width:48rem}
.case-person h2{margin-top:0;overflow-wrap:anywhere}
.case-person .caption{margin-bottom:0}
.case-flags{list-style:none;padding:0;margin:0 0 1rem;display:flex;flex-wrap:wrap;gap:.5rem}
td .case-flags{margin:0}
.tag-flag{background:#fbe3b0;color:#0b0c0c}
.case-facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem 1.5rem;margin:0}
.case-facts dt{font-weight:700}
.case-facts dd{margin:0;overflow-wrap:anywhere}
.long-id{overflow-wrap:anywhere}
.case-supplements{list-style:none;padding:0;margin:0 0 2rem}
.case-supplements li{border-left:3px solid #b1b4b6;padding:.25rem 0 .25rem 1rem;margin-bottom:1rem}
.case-supplements .hint{margin:0}
`;
