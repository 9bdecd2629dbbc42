// The search page: one static HTML document, no external assets. Snippets arrive from the API
// already HTML-escaped with <em> marks, so they are inserted as HTML; everything else as text.
#include "api/web_page.h"

namespace wenjin::api {

const std::string& SearchPageHtml() {
  static const std::string kPage = R"HTML(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Wenjin search</title>
<style>
body{font-family:system-ui,"Noto Sans","Noto Sans CJK SC","Noto Sans Arabic","Noto Sans Thai",sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222}
form{display:flex;gap:.5rem;flex-wrap:wrap}input[type=search]{flex:1;min-width:14rem;font-size:1.1rem;padding:.4rem}
select,button{font-size:1rem;padding:.4rem}.hit{margin:1.2rem 0}.hit h3{margin:0 0 .2rem;font-size:1.1rem}
.meta{color:#666;font-size:.85rem}em{background:#fff3a0;font-style:normal}#facets{font-size:.85rem;color:#444}
</style></head><body>
<h1>Wenjin</h1>
<form id="f"><input type="search" id="q" name="q" placeholder="Search courses, videos, textbooks…" autofocus dir="auto">
<select id="lang"><option value="">any language</option><option>en</option><option>zh</option><option>ar</option><option>ru</option>
<option>fr</option><option>es</option><option>pt</option><option>de</option><option>ja</option><option>th</option><option>ko</option><option>hi</option></select>
<button>Search</button></form>
<p id="facets"></p><div id="out"></div>
<script>
const f=document.getElementById('f'),out=document.getElementById('out'),facets=document.getElementById('facets');
f.onsubmit=async e=>{e.preventDefault();
 const p=new URLSearchParams({q:document.getElementById('q').value});const l=document.getElementById('lang').value;if(l)p.set('lang',l);
 const r=await fetch('/v1/search?'+p);const j=await r.json();out.textContent='';
 if(!r.ok){out.textContent=j.error?j.error.message:'error';return;}
 facets.textContent=j.total+' results · '+j.took_ms.toFixed(1)+' ms';
 for(const h of j.hits){const d=document.createElement('div');d.className='hit';
  const t=document.createElement('h3');t.textContent=h.title;t.dir='auto';const s=document.createElement('div');s.dir='auto';s.innerHTML=h.snippet;
  const m=document.createElement('div');m.className='meta';m.textContent=[h.lang,h.subject,h.level,h.type].filter(Boolean).join(' · ');
  d.append(t,s,m);out.append(d);}};
</script></body></html>
)HTML";
  return kPage;
}

}  // namespace wenjin::api
