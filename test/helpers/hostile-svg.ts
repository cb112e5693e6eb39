// A hostile SVG logo: every vector the branding brief names (script, foreignObject, on* handlers,
// remote and javascript:/data: references, url() and @import in styles, a DOCTYPE with entities),
// with each remote reference pointing at `base` (a counting server on 127.0.0.1 in the CLI test).
import * as assert from 'uvu/assert';

/** One hostile vector per line; the drawing (the rect and the local <use>) must survive. */
export const hostileSvg = (base: string): string => `<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY boom "x>y"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 40" onload="fetch('${base}/onload')">
  <script>fetch('${base}/script')</script>
  <script xlink:href="${base}/evil.js"/>
  <foreignObject width="100" height="40"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="${base}/frame"></iframe></body></foreignObject>
  <style>@import url(${base}/import.css); rect { fill: red }</style>
  <style>.ok { fill: #1f6feb }</style>
  <defs><rect id="box" width="10" height="10"/></defs>
  <rect class="ok" width="100" height="40" onclick="alert(2)" OnMouseOver="alert(3)" style="fill: url(${base}/paint.svg#p)"/>
  <use href="#box"/>
  <use xlink:href="${base}/remote.svg#a"/>
  <use href="data:image/svg+xml;base64,PHN2Zy8+#x"/>
  <a href="javascript:alert(4)"><text x="5" y="20">&xxe;&boom;Acme</text></a>
  <image href="${base}/pixel.png" width="1" height="1"/>
  <circle cx="5" cy="5" r="3" fill="javascript:alert(5)" filter="url(${base}/f.svg#f)"/>
  <set attributeName="onmouseover" to="alert(6)"/>
  <animate attributeName="href" to="javascript:alert(7)"/>
</svg>`;

/** What must never survive sanitising, whatever the vector. */
export function assertNoHostile(text: string, where: string): void {
  for (const bad of ['<script', 'javascript:', 'foreignObject', '@import', '127.0.0.1', 'fetch(', 'ENTITY', 'DOCTYPE', 'data:image', '<image', '<set', '<animate', '<iframe', 'passwd']) {
    assert.not.ok(text.includes(bad), `${where} holds ${bad}`);
  }
  assert.not.ok(/\son[a-z]+\s*=/i.test(text), `${where} holds an on* attribute`);
  assert.not.ok(/href="(?!#)/.test(text), `${where} holds a non-local href`);
}

