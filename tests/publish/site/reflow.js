// What stops a page reading well at its viewport width (run by reflow.py).
// arguments[0]: CSS to add first. Returns a list of problems in words.
const css = arguments[0];
if (css) { const s = document.createElement('style'); s.textContent = css; document.head.appendChild(s); }
const root = document.documentElement;
const width = root.clientWidth;
const out = [];
function scrollsItself(e) {
  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    const o = getComputedStyle(a).overflowX;
    if ((o === 'auto' || o === 'scroll') && a.clientWidth < width + 1) return true;
  }
  return false;
}
function name(e) {
  const id = e.id ? '#' + e.id : '';
  const cls = (typeof e.className === 'string' && e.className) ? '.' + e.className.trim().split(/\s+/).join('.') : '';
  return e.tagName.toLowerCase() + id + cls;
}
if (root.scrollWidth > width + 1) {
  const wide = Array.from(document.body.querySelectorAll('*'))
    .filter(e => e.getBoundingClientRect().right > width + 1 && !scrollsItself(e))
    .filter(e => !Array.from(e.children).some(c => c.getBoundingClientRect().right > width + 1));
  // text that runs out of its box (a long address, say) widens the page without its box doing so
  const spill = Array.from(document.body.querySelectorAll('*'))
    .filter(e => !scrollsItself(e) && getComputedStyle(e).overflowX === 'visible'
      && e.getBoundingClientRect().left + e.scrollWidth > width + 1 && e.scrollWidth > e.clientWidth + 1)
    .filter(e => !Array.from(e.children).some(c => c.scrollWidth > c.clientWidth + 1));
  wide.push(...spill.filter(e => !wide.includes(e)));
  out.push('page is ' + root.scrollWidth + ' px wide in a ' + width + ' px viewport: ' +
    wide.slice(0, 6).map(e => name(e) + ' (right edge ' + Math.round(e.getBoundingClientRect().right) + ')').join(', '));
}
for (const e of document.body.querySelectorAll('*')) {
  const s = getComputedStyle(e);
  const hides = ['hidden', 'clip'];
  if (!(hides.includes(s.overflowX) || hides.includes(s.overflowY))) continue;
  if (e.clientWidth <= 2 || e.clientHeight <= 2) continue;   // visually hidden, for screen readers
  if (s.position === 'absolute' && s.clip && s.clip !== 'auto') continue;
  const text = (e.innerText || '').trim();
  if (!text) continue;
  const cutX = hides.includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1;
  const cutY = hides.includes(s.overflowY) && e.scrollHeight > e.clientHeight + 1;
  if (cutX || cutY) out.push('text cut off in ' + name(e) + ': "' + text.slice(0, 40) + '"');
}
return out;
