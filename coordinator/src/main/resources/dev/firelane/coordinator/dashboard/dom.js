// Firelane dashboard: building DOM nodes (createElement and textContent only), and the time texts every view shows.
'use strict';

window.FirelaneDom = (function () {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else if (k === 'onclick') node.addEventListener('click', v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function when(iso) {
    if (!iso) return el('span', { class: 'sub', text: '–' });
    const t = new Date(iso);
    return el('time', { datetime: iso, title: t.toLocaleString() + ' (' + iso + ')', text: relative(t) });
  }

  function relative(t) {
    const s = Math.round((t.getTime() - Date.now()) / 1000);
    const a = Math.abs(s);
    const text = a < 60 ? a + ' s' : a < 3600 ? Math.round(a / 60) + ' min' : a < 86400 ? Math.round(a / 3600) + ' h'
      : Math.round(a / 86400) + ' d';
    if (a < 1) return 'now';
    return s > 0 ? 'in ' + text : text + ' ago';
  }

  function took(from, to) {
    if (!from || !to) return '–';
    const ms = new Date(to).getTime() - new Date(from).getTime();
    return ms < 10000 ? ms + ' ms' : Math.round(ms / 1000) + ' s';
  }

  function clip(text, n) {
    return text.length > n ? text.slice(0, n - 1) + '…' : text;
  }

  return { el, when, relative, took, clip };
})();
