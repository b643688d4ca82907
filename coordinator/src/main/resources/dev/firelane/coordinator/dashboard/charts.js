// Firelane dashboard: small SVG charts (line and stacked bars) and the drawing helpers the job timeline shares.
// Plain DOM: every element is created with createElementNS and filled with textContent, never from markup.
'use strict';

window.FirelaneCharts = (function () {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 560;
  const H = 190;
  const M = { left: 46, right: 10, top: 10, bottom: 24 };

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'text') node.textContent = v;
      else node.setAttribute(k, String(v));
    }
    for (const child of children) {
      if (child) node.append(child);
    }
    return node;
  }

  function title(text) {
    return svg('title', { text });
  }

  /** A round maximum for an axis of four steps, at least `floor`: 1, 2, 4, 6 or 8 times a power of ten. */
  function niceMax(max, floor) {
    const m = Math.max(max, floor || 1);
    const p = Math.pow(10, Math.floor(Math.log10(m)));
    for (const f of [1, 2, 4, 6, 8, 10]) {
      if (m <= f * p + 1e-9) return f * p;
    }
    return 10 * p;
  }

  function number(v) {
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + 'M';
    if (a >= 1e3) return (v / 1e3).toFixed(a >= 1e4 ? 0 : 1) + 'k';
    if (a >= 10 || v === Math.round(v)) return String(Math.round(v));
    return v.toFixed(a >= 1 ? 1 : 2);
  }

  function clock(ms, withSeconds) {
    const d = new Date(ms);
    const two = (n) => String(n).padStart(2, '0');
    return two(d.getHours()) + ':' + two(d.getMinutes()) + (withSeconds ? ':' + two(d.getSeconds()) : '');
  }

  /** Time ticks for [t0, t1]: about `count` of them on round steps. */
  function timeTicks(t0, t1, count) {
    const steps = [5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3, 900e3, 1800e3, 3600e3, 7200e3, 21600e3, 86400e3];
    const step = steps.find((s) => (t1 - t0) / s <= count) || steps[steps.length - 1];
    const out = [];
    for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) out.push(t);
    return { ticks: out, withSeconds: step < 60e3 };
  }

  /** The frame of a chart: the svg, its scales, the grid, the y axis and the time axis. */
  function frame(spec, t0, t1, yMax) {
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart-svg', role: 'img',
      'aria-label': spec.title });
    const pw = W - M.left - M.right;
    const ph = H - M.top - M.bottom;
    const x = (t) => M.left + (t1 === t0 ? pw : ((t - t0) / (t1 - t0)) * pw);
    const y = (v) => M.top + ph - (v / yMax) * ph;
    const grid = svg('g', { class: 'grid' });
    for (let i = 0; i <= 4; i++) {
      const v = (yMax * i) / 4;
      grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) }),
        svg('text', { x: M.left - 6, y: y(v) + 4, class: 'y-label', 'text-anchor': 'end', text: number(v) }));
    }
    const { ticks, withSeconds } = timeTicks(t0, t1, 6);
    for (const t of ticks) {
      grid.append(svg('line', { x1: x(t), x2: x(t), y1: M.top + ph, y2: M.top + ph + 4, class: 'tick' }),
        svg('text', { x: x(t), y: H - 6, class: 'x-label', 'text-anchor': 'middle', text: clock(t, withSeconds) }));
    }
    grid.append(svg('line', { x1: M.left, x2: W - M.right, y1: M.top + ph, y2: M.top + ph, class: 'axis' }));
    root.append(grid);
    return { root, x, y, pw, ph };
  }

  function emptyState(spec, text) {
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart-svg empty-chart', role: 'img',
      'aria-label': spec.title });
    root.append(svg('rect', { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom,
      class: 'empty-box' }));
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'empty-text', text }));
    return root;
  }

  function legend(items) {
    const box = document.createElement('div');
    box.className = 'legend';
    for (const item of items) {
      const entry = document.createElement('span');
      entry.className = 'legend-item';
      const swatch = document.createElement('span');
      swatch.className = 'swatch ' + item.cls;
      entry.append(swatch, document.createTextNode(item.name));
      box.append(entry);
    }
    return box;
  }

  /** Puts a chart's title, svg, legend and note into `container` (replacing what was there). */
  function place(container, spec, root, items) {
    const head = document.createElement('h3');
    head.textContent = spec.title;
    if (spec.unit) {
      const unit = document.createElement('span');
      unit.className = 'unit';
      unit.textContent = spec.unit;
      head.append(unit);
    }
    const parts = [head, root];
    if (items && items.length) parts.push(legend(items));
    if (spec.note) {
      const note = document.createElement('p');
      note.className = 'chart-note';
      note.textContent = spec.note;
      parts.push(note);
    }
    container.replaceChildren(...parts);
  }

  /**
   * A line chart. spec: {title, unit, t0, t1, series: [{name, cls, values: [[timeMs, value|null], ...]}], empty, note}.
   * Each line carries data-series, data-points (values drawn) and data-max; each value is also a dot.
   */
  function line(container, spec) {
    const drawn = spec.series.filter((s) => s.values.some((v) => v[1] !== null && v[1] !== undefined));
    if (drawn.length === 0) {
      place(container, spec, emptyState(spec, spec.empty || 'No data yet'), []);
      return;
    }
    const max = Math.max(0, ...drawn.flatMap((s) => s.values.filter((v) => v[1] != null).map((v) => v[1])));
    const f = frame(spec, spec.t0, spec.t1, niceMax(max, spec.minMax));
    drawn.forEach((s) => {
      const shown = s.values.filter((v) => v[1] != null && v[0] >= spec.t0);
      let d = '';
      let gap = true;
      for (const [t, v] of s.values) {
        if (v == null || t < spec.t0) { gap = true; continue; }
        d += (gap ? 'M' : 'L') + f.x(t).toFixed(1) + ' ' + f.y(v).toFixed(1);
        gap = false;
      }
      const g = svg('g', { class: 'series-group ' + s.cls });
      g.append(svg('path', { d, class: 'series ' + s.cls, 'data-series': s.name, 'data-points': shown.length,
        'data-max': Math.max(0, ...shown.map((v) => v[1])) }));
      if (shown.length <= 180) {
        for (const [t, v] of shown) {
          g.append(svg('circle', { cx: f.x(t).toFixed(1), cy: f.y(v).toFixed(1), r: 2, class: 'dot ' + s.cls,
            'data-value': v }, title(s.name + ' ' + number(v) + (spec.unit ? ' ' + spec.unit : '') + ' at ' + clock(t, true))));
        }
      }
      f.root.append(g);
    });
    place(container, spec, f.root, spec.series.map((s) => ({ name: s.name, cls: s.cls })));
  }

  /**
   * Stacked bars. spec: {title, unit, t0, t1, width (ms a bar covers), keys: [{key, name, cls}],
   * bars: [{t, counts: {key: n}}], empty, note}. Each segment is a rect.bar with data-key and data-value.
   */
  function bars(container, spec) {
    const shown = spec.bars.filter((b) => b.t + spec.width > spec.t0);
    if (shown.length === 0) {
      place(container, spec, emptyState(spec, spec.empty || 'No data yet'), []);
      return;
    }
    const total = (b) => spec.keys.reduce((sum, k) => sum + (b.counts[k.key] || 0), 0);
    const f = frame(spec, spec.t0, spec.t1, niceMax(Math.max(...shown.map(total)), spec.minMax));
    for (const b of shown) {
      const x0 = Math.max(f.x(spec.t0), f.x(b.t));
      const x1 = Math.min(f.x(spec.t1), f.x(b.t + spec.width));
      const w = Math.max(1, x1 - x0 - 2);
      let base = 0;
      const g = svg('g', { class: 'bar-group', 'data-t': b.t });
      for (const k of spec.keys) {
        const n = b.counts[k.key] || 0;
        if (n <= 0) continue;
        g.append(svg('rect', { x: (x0 + 1).toFixed(1), y: f.y(base + n).toFixed(1), width: w.toFixed(1),
          height: Math.max(0.5, f.y(base) - f.y(base + n)).toFixed(1), class: 'bar ' + k.cls, 'data-key': k.key,
          'data-value': n }, title(k.name + ': ' + n + ' in the minute from ' + clock(b.t, false))));
        base += n;
      }
      f.root.append(g);
    }
    place(container, spec, f.root, spec.keys.map((k) => ({ name: k.name, cls: k.cls })));
  }

  return { svg, title, line, bars, number, clock, timeTicks };
})();
