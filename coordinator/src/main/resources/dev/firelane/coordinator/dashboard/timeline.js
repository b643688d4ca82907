// Firelane dashboard, a job's timeline: its fires, its runs (bars from start to finish, coloured by outcome) and
// the operator's commands, with each pause shaded from the pause to the resume (or to now). Drawn from the job's
// runs and audit as the API gives them.
'use strict';

window.FirelaneTimeline = (function () {
  const C = window.FirelaneCharts;
  const svg = C.svg;
  const W = 1000;
  const H = 150;
  const LEFT = 78;
  const RIGHT = 12;
  const LANES = { fires: 22, runs: 58, commands: 100 };
  const AXIS_Y = 124;
  const MAX_SPAN = 6 * 3600e3;
  const MIN_SPAN = 30e3;

  const ms = (iso) => (iso ? Date.parse(iso) : null);

  /**
   * The applied pauses as [from, to] spans; an open one ends at `now`. A job created paused has no Pause command:
   * its band starts at the Create, and a Resume that changed something with no run finished since the Create (so
   * the job cannot have been failed) ends it.
   */
  function pauseSpans(job, audit, now, runs) {
    const spans = [];
    let from = null;
    let createdAt = null;
    const finished = (runs || []).map((r) => ms(r.finishedAt)).filter((t) => t !== null);
    const ranBetween = (a, b) => finished.some((t) => t >= a && t <= b);
    const applied = audit.filter((c) => c.result === 'applied')
      .sort((a, b) => ms(a.appliedAt || a.requestedAt) - ms(b.appliedAt || b.requestedAt));
    for (const c of applied) {
      const t = ms(c.appliedAt || c.requestedAt);
      if (c.kind === 'Create') createdAt = t;
      if (c.kind === 'Pause' && from === null) from = t;
      else if (c.kind === 'Resume' && from === null && !c.resultReason && createdAt !== null
        && !ranBetween(createdAt, t)) {
        spans.push({ from: createdAt, to: t, open: false }); // created paused
      } else if ((c.kind === 'Resume' || c.kind === 'Delete') && from !== null) {
        spans.push({ from, to: t, open: false });
        from = null;
      }
      if (c.kind === 'Resume' || c.kind === 'Delete') createdAt = null;
    }
    if (from === null && job.status === 'paused') from = createdAt !== null ? createdAt : ms(job.createdAt); // created paused
    if (from !== null) spans.push({ from, to: now, open: true });
    return spans;
  }

  /** From the oldest run or command shown (at most six hours back) to now. */
  function domain(runs, audit, now) {
    const times = runs.map((r) => ms(r.scheduledAt)).concat(audit.map((c) => ms(c.requestedAt)))
      .filter((t) => t !== null && t >= now - MAX_SPAN);
    let t0 = times.length ? Math.min(...times) : now - MIN_SPAN;
    if (now - t0 < MIN_SPAN) t0 = now - MIN_SPAN;
    return { t0: t0 - (now - t0) * 0.02, t1: now + (now - t0) * 0.02 };
  }

  function render(container, job, runs, audit, now) {
    const { t0, t1 } = domain(runs, audit, now);
    const x = (t) => LEFT + Math.max(0, Math.min(1, (t - t0) / (t1 - t0))) * (W - LEFT - RIGHT);
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'timeline-svg', role: 'img',
      'aria-label': 'Timeline of job ' + job.id });
    for (const span of pauseSpans(job, audit, now, runs)) {
      if (span.to < t0) continue;
      root.append(svg('rect', { x: x(span.from).toFixed(1), y: 4, width: Math.max(2, x(span.to) - x(span.from)).toFixed(1),
        height: AXIS_Y - 4, class: 'pause-band' + (span.open ? ' open' : ''), 'data-from': new Date(span.from).toISOString(),
        'data-to': span.open ? 'now' : new Date(span.to).toISOString() },
      C.title('paused ' + C.clock(span.from, true) + ' – ' + (span.open ? 'now' : C.clock(span.to, true)))));
      root.append(svg('text', { x: x(span.from) + 4, y: 14, class: 'pause-label', text: 'paused' }));
    }
    axis(root, x, t0, t1);
    for (const [name, y] of Object.entries(LANES)) {
      root.append(svg('text', { x: 4, y: y + 4, class: 'lane-label', text: name }),
        svg('line', { x1: LEFT, x2: W - RIGHT, y1: y, y2: y, class: 'lane-line' }));
    }
    drawFires(root, runs, x, t0);
    drawRuns(root, runs, x, t0, now);
    drawCommands(root, audit, x, t0);
    root.append(svg('line', { x1: x(now), x2: x(now), y1: 4, y2: AXIS_Y, class: 'now-line' }, C.title('now')));
    container.replaceChildren(root);
  }

  function axis(root, x, t0, t1) {
    const { ticks, withSeconds } = C.timeTicks(t0, t1, 8);
    root.append(svg('line', { x1: LEFT, x2: W - RIGHT, y1: AXIS_Y, y2: AXIS_Y, class: 'axis' }));
    for (const t of ticks) {
      root.append(svg('line', { x1: x(t), x2: x(t), y1: AXIS_Y, y2: AXIS_Y + 4, class: 'tick' }),
        svg('text', { x: x(t), y: AXIS_Y + 17, 'text-anchor': 'middle', class: 'x-label', text: C.clock(t, withSeconds) }));
    }
  }

  function drawFires(root, runs, x, t0) {
    for (const r of runs) {
      const t = ms(r.firedAt) || ms(r.scheduledAt);
      if (t === null || t < t0) continue;
      root.append(svg('line', { x1: x(t), x2: x(t), y1: LANES.fires - 7, y2: LANES.fires + 7, class: 'fire-mark',
        'data-fire': r.fireId }, C.title(r.fireId + ' fired ' + C.clock(t, true) + (r.attempt > 1 ? ' (attempt ' + r.attempt + ')' : ''))));
    }
  }

  function drawRuns(root, runs, x, t0, now) {
    for (const r of runs) {
      const start = ms(r.startedAt);
      const end = ms(r.finishedAt);
      const from = start || end;
      if (from === null || (end || now) < t0) continue;
      const to = end || now;
      const outcome = r.outcome || 'running';
      root.append(svg('rect', { x: x(from).toFixed(1), y: LANES.runs - 9, width: Math.max(3, x(to) - x(from)).toFixed(1),
        height: 18, rx: 2, class: 'run-bar o-' + outcome, 'data-fire': r.fireId, 'data-outcome': outcome },
      C.title(r.fireId + ': ' + outcome + (r.workerId ? ' on ' + r.workerId : '') + ', ' + C.clock(from, true)
        + (end ? ' – ' + C.clock(end, true) : ' (running)') + (r.error ? ' — ' + r.error : ''))));
    }
  }

  function drawCommands(root, audit, x, t0) {
    for (const c of audit) {
      const t = ms(c.appliedAt) || ms(c.requestedAt);
      if (t === null || t < t0) continue;
      const cx = x(t);
      const y = LANES.commands;
      root.append(svg('path', { d: 'M' + cx + ' ' + (y - 7) + 'L' + (cx + 6) + ' ' + y + 'L' + cx + ' ' + (y + 7)
        + 'L' + (cx - 6) + ' ' + y + 'Z', class: 'cmd-mark k-' + c.kind.toLowerCase() + (c.result === 'applied' ? '' : ' rejected'),
      'data-kind': c.kind }, C.title(c.kind + ' by ' + c.requestedBy + (c.reason ? ': ' + c.reason : '') + ' — '
        + c.result + (c.appliedAt ? ' at ' + C.clock(t, true) : ''))));
      root.append(svg('text', { x: cx, y: y + 18, 'text-anchor': 'middle', class: 'cmd-label', text: c.kind }));
    }
  }

  return { render, pauseSpans };
})();
