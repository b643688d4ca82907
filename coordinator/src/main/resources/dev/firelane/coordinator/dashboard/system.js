// Firelane dashboard, System view: the coordinator's sampled figures (GET /api/stats/series) as charts.
// docs/dashboard.md says what each chart shows and where its figure comes from.
'use strict';

window.FirelaneSystem = (function () {
  const C = window.FirelaneCharts;
  const OUTCOMES = [
    { key: 'ok', name: 'ok', cls: 'o-ok' }, { key: 'error', name: 'error', cls: 'o-error' },
    { key: 'timeout', name: 'timeout', cls: 'o-timeout' }, { key: 'cancelled', name: 'cancelled', cls: 'o-cancelled' },
    { key: 'abandoned', name: 'abandoned', cls: 'o-abandoned' }, { key: 'skipped', name: 'skipped', cls: 'o-skipped' }];
  const state = { minutes: 15, last: null };

  const $ = (id) => document.getElementById(id);

  /** The time span drawn: the chosen range, or less when the coordinator has not sampled that long. */
  function domain(series) {
    const now = Date.parse(series.now);
    const points = series.points;
    let t0 = now - state.minutes * 60e3;
    if (points.length > 0) {
      t0 = Math.max(t0, Date.parse(points[0].at) - series.intervalSeconds * 1000);
    }
    return { t0: Math.min(t0, now - 60e3), t1: now };
  }

  function workers(points, field) {
    const names = new Set();
    for (const p of points) {
      if (p[field]) Object.keys(p[field]).forEach((w) => names.add(w));
    }
    return [...names].sort();
  }

  function perWorker(points, field, at, missing) {
    return workers(points, field).map((w, i) => ({
      name: w, cls: 'c' + (i % 8),
      values: points.map((p) => [at(p), p[field] ? (p[field][w] !== undefined ? p[field][w] : missing) : null]),
    }));
  }

  function byMinute(points) {
    const minutes = new Map();
    for (const p of points) {
      const t = Math.floor(Date.parse(p.at) / 60e3) * 60e3;
      const counts = minutes.get(t) || {};
      for (const [k, n] of Object.entries(p.outcomes || {})) counts[k] = (counts[k] || 0) + n;
      minutes.set(t, counts);
    }
    return [...minutes.entries()].map(([t, counts]) => ({ t, counts }));
  }

  function render(series) {
    state.last = series;
    const points = series.points;
    const { t0, t1 } = domain(series);
    const at = (p) => Date.parse(p.at);
    const empty = points.length === 0
      ? 'No samples yet: the coordinator takes one every ' + series.intervalSeconds + ' s'
      : 'Nothing in this range';
    const last = points.length ? points[points.length - 1] : null;
    $('system-summary').textContent = points.length === 0 ? 'Waiting for the first sample…'
      : points.length + ' samples, one every ' + series.intervalSeconds + ' s (kept ' + Math.round(series.windowSeconds / 60)
        + ' min); last at ' + C.clock(at(last), true);

    C.line($('chart-fires'), { title: 'Fires emitted per second', unit: 'fires/s', t0, t1, empty,
      series: [{ name: 'fires/s', cls: 'c0', values: points.map((p) => [at(p), p.firesPerSecond]) }] });
    C.bars($('chart-outcomes'), { title: 'Run outcomes per minute', unit: 'runs', t0, t1, width: 60e3, empty, minMax: 4,
      keys: OUTCOMES, bars: byMinute(points) });
    C.line($('chart-lateness'), { title: 'Start lateness (fired − scheduled)', unit: 'ms', t0, t1,
      empty: points.length ? 'No fires in this range' : empty,
      series: [{ name: 'p50', cls: 'c0', values: points.map((p) => [at(p), p.latenessP50Ms]) },
        { name: 'p99', cls: 'c3', values: points.map((p) => [at(p), p.latenessP99Ms]) }] });
    C.line($('chart-status-lag'), { title: 'Status-stream lag', unit: 'records', t0, t1, empty, minMax: 4,
      series: [{ name: 'records not applied yet', cls: 'c1', values: points.map((p) => [at(p), p.statusLag]) }] });
    renderWorkerLag(points, t0, t1, at, empty);
    renderInFlight(points, t0, t1, at, empty, last);
  }

  function renderWorkerLag(points, t0, t1, at, empty) {
    const lag = perWorker(points, 'workerLag', at, null).map((s) => ({ ...s, name: s.name + ' (consumer lag)' }));
    const known = lag.length > 0;
    C.line($('chart-worker-lag'), { title: 'Worker lag', unit: 'fires', t0, t1, empty, minMax: 4,
      series: lag.concat([{ name: 'waiting for a worker', cls: 'c7', values: points.map((p) => [at(p), p.waitingFires]) }]),
      note: known ? 'Consumer lag from the workers in this process; "waiting" are fires applied that no worker has started.'
        : 'Consumer lag per worker is not available here: the workers run in other processes (see their '
          + 'firelane_worker_consumer_lag). Shown instead: fires applied that no worker has started yet.' });
  }

  function renderInFlight(points, t0, t1, at, empty, last) {
    const fromWorkers = last && last.inFlightSource === 'workers';
    C.line($('chart-in-flight'), { title: 'Runs in flight per worker', unit: 'runs', t0, t1, minMax: 4,
      empty: points.length ? 'No run in flight in this range' : empty,
      series: perWorker(points, 'inFlight', at, 0),
      note: fromWorkers ? 'From the workers\' own gauges (workers in this process).'
        : 'Derived: runs started minus runs completed per worker id, as the status stream applied them.' });
  }

  function setRange(minutes) {
    state.minutes = minutes;
    for (const b of document.querySelectorAll('#range button')) {
      b.classList.toggle('on', Number(b.dataset.minutes) === minutes);
    }
    if (state.last) render(state.last);
  }

  function start() {
    for (const b of document.querySelectorAll('#range button')) {
      b.addEventListener('click', () => setRange(Number(b.dataset.minutes)));
    }
    setRange(state.minutes);
  }

  return { render, start };
})();
