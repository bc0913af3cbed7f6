// Tandem's teaching page: draws the steps embedded in <script id="data"> as tables and SVG, one step at a time.
// Plain DOM and SVG, no library and no request: everything the page shows is in the data.
'use strict';
(function () {
  const errors = window.__pageErrors = [];
  window.addEventListener('error', e => errors.push(String(e.message)));

  const data = JSON.parse(document.getElementById('data').textContent);
  const SVG = 'http://www.w3.org/2000/svg';
  // every drawing with a time axis maps the same seconds to the same pixels, so they line up one under another
  const LEFT = 150, PLOT = 600, RIGHT = 110;
  let walk = data.selected || 0, stepIndex = 0, selectedCell = null;

  // ---- small helpers ------------------------------------------------------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    for (const k of kids) if (k) e.append(k);
    return e;
  }
  function svg(tag, attrs, parent) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    }
    if (parent) parent.append(e);
    return e;
  }
  function fmt(v) {
    if (v === 0) return '0';
    const a = Math.abs(v);
    return a < 1e-4 || a >= 1e5 ? v.toExponential(2) : v.toFixed(4);
  }
  function steps() { return data.walks[walk].steps; }

  // ---- colour scales: sequential white -> blue for 0..max, diverging blue - white - red around 0 ------------------
  const SEQ = [[247, 251, 255], [198, 219, 239], [107, 174, 214], [33, 113, 181], [8, 48, 107]];
  const DIV = [[33, 102, 172], [146, 197, 222], [247, 247, 247], [244, 165, 130], [178, 24, 43]];
  function ramp(stops, f) {
    f = Math.max(0, Math.min(1, f));
    const x = f * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x)), t = x - i;
    const c = stops[i].map((s, k) => Math.round(s + (stops[i + 1][k] - s) * t));
    return { css: `rgb(${c[0]},${c[1]},${c[2]})`, dark: 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2] < 140 };
  }
  function scaleFor(values, kind, min, max) {
    if (kind === 'div') {
      let m = 0;
      for (const v of values) m = Math.max(m, Math.abs(v));
      m = m || 1;
      return { lo: -m, hi: m, colour: v => ramp(DIV, (v + m) / (2 * m)), stops: DIV };
    }
    let lo = min, hi = max;
    if (lo === undefined || hi === undefined) { lo = Math.min(...values); hi = Math.max(...values); }
    if (hi <= lo) hi = lo + 1;
    return { lo, hi, colour: v => ramp(SEQ, (v - lo) / (hi - lo)), stops: SEQ };
  }
  function colourBar(scale, title) {
    const w = 180, s = svg('svg', { class: 'colourbar', width: w + 24 + 7 * (title || '').length, height: 34 });
    for (let i = 0; i < 40; i++) svg('rect', { x: i * w / 40, y: 2, width: w / 40 + 0.5, height: 12, fill: ramp(scale.stops, i / 39).css }, s);
    svg('rect', { x: 0, y: 2, width: w, height: 12, fill: 'none', stroke: '#8b949e' }, s);
    const [low, high] = scale.labels || [fmt(scale.lo), fmt(scale.hi)];
    svg('text', { x: 0, y: 28, text: low }, s);
    svg('text', { x: w, y: 28, 'text-anchor': 'end', text: high }, s);
    if (!scale.labels && scale.lo < 0 && scale.hi > 0) svg('text', { x: w * -scale.lo / (scale.hi - scale.lo), y: 28, 'text-anchor': 'middle', text: '0' }, s);
    svg('text', { x: w + 8, y: 12, text: title || '' }, s);
    return s;
  }

  // ---- the source panel: where a number was computed ---------------------------------------------------------
  function index(shape, flat) {
    const idx = [];
    for (let a = shape.length - 1; a >= 0; a--) { idx.unshift(flat % shape[a]); flat = Math.floor(flat / shape[a]); }
    return idx.map(i => `[${i}]`).join('');
  }
  function refLines(box, heading, ref) {
    if (!ref) return;
    box.append(el('div', {}, el('span', { text: heading + ' ' }), el('b', { text: ref.method }),
      el('span', { class: 'where', text: '  ' + ref.file + (ref.line ? ':' + ref.line : '') })));
    if (ref.code) box.append(el('code', { text: ref.code }));
  }
  function showSource(block, what, value, target) {
    if (selectedCell) selectedCell.classList.remove('selected');
    selectedCell = target;
    target.classList.add('selected');
    const box = document.getElementById('source');
    box.replaceChildren();
    box.dataset.method = (block.at || block.engine || {}).method || '';
    box.append(el('div', {}, el('b', { text: `${block.label}  ${what} = ${value}` }),
      el('span', { class: 'hint', text: block.window >= 0 ? `  (window ${block.window})` : '' })));
    refLines(box, 'computed at', block.at);
    refLines(box, 'in the model or engine:', block.engine);
  }

  // ---- block renderers --------------------------------------------------------------------------------------
  const render = {
    text(b) {
      if (b.pre) return el('div', { class: 'block text' }, el('pre', { text: b.text }));
      return el('div', { class: 'block text' }, el('p', { class: b.header ? 'window-header' : null, text: b.text }));
    },

    matrix(b) {
      const fig = el('figure', { class: 'block matrix', 'data-label': b.label, 'data-window': b.window });
      const cap = el('figcaption', { text: b.label });
      if (b.check !== null && b.check !== undefined) {
        cap.append(el('span', { class: 'check', title: 'largest |chain rule by hand - autograd|', text: `autograd: max |difference| ${b.check.toExponential(1)}` }));
      }
      fig.append(cap);
      const scale = b.probability ? scaleFor(b.values, 'seq', 0, 1) : scaleFor(b.values, 'div');
      const shape = b.shape.length === 0 ? [1] : b.shape;
      const rows = shape.length === 1 ? 1 : shape[shape.length - 2], cols = shape[shape.length - 1];
      const slices = shape.length <= 2 ? 1 : shape.slice(0, -2).reduce((p, n) => p * n, 1);
      const wrap = el('div', { class: 'slices' });
      for (let s = 0; s < slices; s++) {
        const table = el('table', { class: 'matrix' });
        const head = el('tr', {}, el('th'));
        for (let c = 0; c < cols; c++) head.append(el('th', { text: String(c) }));
        table.append(head);
        for (let r = 0; r < rows; r++) {
          const tr = el('tr', {}, el('th', { text: String(r) }));
          for (let c = 0; c < cols; c++) {
            const i = (s * rows + r) * cols + c, v = b.values[i], col = scale.colour(v);
            const td = el('td', { class: 'num', 'data-index': i, title: String(v), text: fmt(v) });
            td.style.background = col.css;
            if (col.dark) td.style.color = '#fff';
            td.addEventListener('click', () => showSource(b, index(shape, i), v, td));
            tr.append(td);
          }
          table.append(tr);
        }
        wrap.append(slices > 1 ? el('div', {}, el('div', { class: 'slice-caption', text: b.sliceAxis ? `${b.sliceAxis} ${s}` : index(shape.slice(0, -2), s) }), table) : table);
      }
      fig.append(wrap, colourBar(scale, b.probability ? 'probability' : 'value (0 is white)'));
      return fig;
    },

    windows(b) {
      const fig = el('figure', { class: 'block windows' });
      const count = b.axes[0].starts.length, rowH = 46;
      const s = svg('svg', { class: 'windows', 'data-count': count, width: LEFT + PLOT + RIGHT, height: 40 + rowH * b.axes.length });
      const x = f => LEFT + f * PLOT;
      b.axes.forEach((axis, a) => {
        const y = 10 + a * rowH;
        svg('text', { x: LEFT - 10, y: y + 20, 'text-anchor': 'end', text: `${axis.name} (${axis.length} steps)` }, s);
        axis.starts.forEach((start, w) => {
          const r = svg('rect', { class: 'window', 'data-axis': axis.name, 'data-window': w, 'data-start': start, 'data-size': axis.sizes[w],
            x: x(start / axis.length), y, width: PLOT * axis.sizes[w] / axis.length, height: 30, fill: w % 2 ? '#cfe3f5' : '#9cc6ea', stroke: '#1f6fb2' }, s);
          svg('title', { text: `window ${w}: ${axis.name} steps ${start}..${start + axis.sizes[w] - 1}` }, r);
          svg('text', { x: x((start + axis.sizes[w] / 2) / axis.length), y: y + 12, 'text-anchor': 'middle', text: `w${w}: ${start}..${start + axis.sizes[w] - 1}` }, s);
        });
        for (let t = 0; t <= axis.length; t++) svg('line', { x1: x(t / axis.length), x2: x(t / axis.length), y1: y + 18, y2: y + 30, stroke: '#1d232b' }, s);
      });
      const bottom = 10 + rowH * b.axes.length;
      for (let w = 1; w < count; w++) {
        svg('line', { x1: x(w / count), x2: x(w / count), y1: 4, y2: bottom, stroke: '#b42318', 'stroke-dasharray': '4 3' }, s);
      }
      for (let f = 0; f <= 4; f++) svg('text', { x: x(f / 4), y: bottom + 16, 'text-anchor': 'middle', text: (f / 4).toFixed(2) }, s);
      svg('text', { x: LEFT + PLOT + 22, y: bottom + 16, text: 'of the clip' }, s);
      fig.append(el('figcaption', { text: 'Each axis cut at the same fractions i/W (red dashes); a step that a dash cuts goes to the later window.' }), s);
      return fig;
    },

    heatmap(b) {
      const fig = el('figure', { class: 'block heatmap', 'data-label': b.label });
      fig.append(el('figcaption', { text: b.label + (b.note ? ' — ' + b.note : '') }));
      // 'rows': each row on its own scale (MFCC: coefficient 0 is hundreds below the others)
      const rowScales = b.scale === 'rows' ? Array.from({ length: b.rows }, (_, r) => scaleFor(b.values.slice(r * b.cols, (r + 1) * b.cols), 'seq')) : null;
      const scale = rowScales ? { lo: 0, hi: 1, stops: SEQ, labels: ['its lowest', 'its highest'] } : scaleFor(b.values, b.scale, b.min, b.max);
      const rowH = Math.max(6, Math.min(22, Math.floor(260 / b.rows))), top = 6, height = top + rowH * b.rows;
      const s = svg('svg', { class: 'heatmap', width: LEFT + PLOT + RIGHT, height: height + 40 });
      const cw = PLOT / b.cols;
      for (let r = 0; r < b.rows; r++) {
        for (let c = 0; c < b.cols; c++) {
          const i = r * b.cols + c, v = b.values[i];
          const rect = svg('rect', { class: 'cell', x: LEFT + c * cw, y: top + r * rowH, width: cw + 0.3, height: rowH + 0.3, fill: (rowScales ? rowScales[r] : scale).colour(v).css, 'data-index': i }, s);
          rect.addEventListener('click', () => showSource(b, `[${r}][${c}]`, v, rect));
        }
      }
      axis(s, b.x, top + rowH * b.rows);
      if (b.y && b.y.labels) {
        const every = Math.ceil(b.rows / 16);
        b.y.labels.forEach((l, r) => { if (r % every === 0) svg('text', { x: LEFT - 6, y: top + r * rowH + rowH / 2 + 4, 'text-anchor': 'end', text: l }, s); });
      }
      svg('text', { x: 8, y: top + 12, text: b.y ? b.y.title : '' }, s);
      fig.append(s, colourBar(scale, b.scaleTitle));
      return fig;
    },

    frames(b) {
      const fig = el('figure', { class: 'block frames' }, el('figcaption', { text: b.label }));
      const n = b.images.length, w = PLOT / n;
      const s = svg('svg', { width: LEFT + PLOT + RIGHT, height: w + 34 });
      b.images.forEach((im, i) => {
        const x = LEFT + (im.time - b.start) / (b.end - b.start) * PLOT - w / 2;
        svg('image', { href: im.src, x, y: 2, width: w - 1, height: w - 1, preserveAspectRatio: 'xMidYMid slice' }, s);
      });
      svg('text', { x: 8, y: w / 2, text: 'frames' }, s);
      axis(s, { title: 'time in the clip (s)', start: b.start, end: b.end }, w + 2);
      fig.append(s);
      return fig;
    },

    wave(b) {
      const fig = el('figure', { class: 'block wave' }, el('figcaption', { text: b.label }));
      const h = 90, s = svg('svg', { width: LEFT + PLOT + RIGHT, height: h + 34 });
      const peak = Math.max(1e-9, ...b.max.map(Math.abs), ...b.min.map(Math.abs));
      let d = '';
      b.max.forEach((v, i) => {
        const x = LEFT + (i + 0.5) * PLOT / b.max.length;
        d += `M${x.toFixed(1)},${(h / 2 - v / peak * h / 2).toFixed(1)}L${x.toFixed(1)},${(h / 2 - b.min[i] / peak * h / 2).toFixed(1)}`;
      });
      svg('path', { d, stroke: '#1f6fb2', 'stroke-width': Math.max(1, PLOT / b.max.length), fill: 'none' }, s);
      svg('text', { x: 8, y: h / 2, text: 'waveform' }, s);
      axis(s, { title: 'time in the clip (s)', start: b.start, end: b.end }, h);
      fig.append(s);
      return fig;
    },

    lines(b) {
      const fig = el('figure', { class: 'block lines' }, el('figcaption', { text: b.label }));
      const h = 140, s = svg('svg', { width: LEFT + PLOT + RIGHT, height: h + 34 });
      const colours = ['#1f6fb2', '#d1495b', '#2a9d8f', '#8a3ffc'];
      const y = v => 4 + (1 - (v - b.yMin) / (b.yMax - b.yMin)) * (h - 8);
      b.series.forEach((series, k) => {
        const n = series.values.length;
        const pts = series.values.map((v, i) => `${(LEFT + (i + 0.5) * PLOT / n).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
        svg('polyline', { points: pts, fill: 'none', stroke: colours[k % 4], 'stroke-width': 2 }, s);
        svg('text', { x: LEFT + PLOT + 8, y: 14 + 16 * k, fill: colours[k % 4], text: series.name }, s);
      });
      for (const v of [b.yMin, (b.yMin + b.yMax) / 2, b.yMax]) svg('text', { x: LEFT - 6, y: y(v) + 4, 'text-anchor': 'end', text: v.toFixed(2) }, s);
      axis(s, { title: 'time in the clip (s)', start: b.start, end: b.end }, h);
      fig.append(s);
      return fig;
    },

    bars(b) {
      const fig = el('figure', { class: 'block bars' }, el('figcaption', { text: b.label }));
      const s = svg('svg', { width: LEFT + PLOT + RIGHT, height: 24 * b.names.length + 8 });
      b.names.forEach((name, i) => {
        svg('text', { x: LEFT - 8, y: 18 + 24 * i, 'text-anchor': 'end', 'font-weight': i === b.highlight ? 700 : 400, text: name }, s);
        svg('rect', { x: LEFT, y: 5 + 24 * i, width: Math.max(1, b.values[i] * PLOT), height: 18, fill: i === b.highlight ? '#1f6fb2' : '#9cc6ea' }, s);
        svg('text', { x: LEFT + b.values[i] * PLOT + 6, y: 18 + 24 * i, text: b.values[i].toFixed(4) }, s);
      });
      fig.append(s);
      return fig;
    }
  };

  // an x axis under a drawing: seconds from start to end over the shared plot width, or category labels
  function axis(s, x, y) {
    if (!x) return;
    const g = svg('g', { class: 'axis' }, s);
    svg('line', { class: 'baseline', x1: LEFT, x2: LEFT + PLOT, y1: y, y2: y }, g);
    if (x.labels) {
      const n = x.labels.length, every = Math.ceil(n / 16);
      x.labels.forEach((l, i) => { if (i % every === 0) svg('text', { x: LEFT + (i + 0.5) * PLOT / n, y: y + 14, 'text-anchor': 'middle', text: l }, g); });
    } else {
      for (let f = 0; f <= 6; f++) {
        const px = LEFT + f / 6 * PLOT;
        svg('line', { x1: px, x2: px, y1: y, y2: y + 4 }, g);
        svg('text', { x: px, y: y + 15, 'text-anchor': 'middle', text: (x.start + f / 6 * (x.end - x.start)).toFixed(2) }, g);
      }
    }
    svg('text', { x: LEFT + PLOT / 2, y: y + 30, 'text-anchor': 'middle', text: x.title }, g);
  }

  // ---- navigation -------------------------------------------------------------------------------------------
  function nav() {
    const box = document.getElementById('steps');
    box.replaceChildren();
    let phase = null, list = null;
    steps().forEach((s, i) => {
      if (s.phase !== phase) {
        phase = s.phase;
        list = el('ol');
        box.append(el('h3', { text: phase === 'backward' ? 'backward pass' : phase === 'forward' ? 'forward pass' : phase }), list);
      }
      const li = el('li', { 'data-step': s.id, class: s.phase + (i === stepIndex ? ' current' : ''), text: s.title });
      li.addEventListener('click', () => go(i));
      list.append(li);
    });
  }

  function show() {
    const s = steps()[stepIndex], section = document.getElementById('step');
    section.replaceChildren(el('h2', { text: s.title }));
    section.dataset.step = s.id;
    section.dataset.phase = s.phase;
    section.dataset.windows = data.walks[walk].windows;
    for (const b of s.blocks) section.append(render[b.type](b));
    document.querySelectorAll('#steps li').forEach((li, i) => li.classList.toggle('current', i === stepIndex));
    document.getElementById('prev').disabled = stepIndex === 0;
    document.getElementById('next').disabled = stepIndex === steps().length - 1;
    document.getElementById('position').textContent = `step ${stepIndex + 1} of ${steps().length}`;
    document.getElementById('subtitle').textContent = data.walks[walk].title;
  }

  function go(i) {
    stepIndex = Math.max(0, Math.min(steps().length - 1, i));
    show();
    window.scrollTo(0, 0);
  }

  function slider() {
    const box = document.getElementById('slider-box'), input = document.getElementById('windows'), out = document.getElementById('windows-value');
    if (data.walks.length < 2) return;
    box.hidden = false;
    input.max = data.walks.length - 1;
    input.value = walk;
    out.textContent = 'W = ' + data.walks[walk].windows;
    input.addEventListener('input', () => {
      const id = steps()[stepIndex].id;
      walk = Number(input.value);
      out.textContent = 'W = ' + data.walks[walk].windows;
      const same = steps().findIndex(s => s.id === id);
      stepIndex = same >= 0 ? same : 0;
      nav();
      show();
    });
  }

  document.getElementById('prev').addEventListener('click', () => go(stepIndex - 1));
  document.getElementById('next').addEventListener('click', () => go(stepIndex + 1));
  document.addEventListener('keydown', e => {
    if (e.target instanceof HTMLInputElement) return;
    if (e.key === 'ArrowRight') go(stepIndex + 1);
    if (e.key === 'ArrowLeft') go(stepIndex - 1);
  });
  slider();
  nav();
  show();
  document.body.dataset.ready = 'true';
})();
