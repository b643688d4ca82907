// Firelane dashboard: plain JavaScript, served from the jar, talking only to this server's REST API.
//
// Its one promise: a job is shown as the database has it. A pause is shown as done only when the API
// answered with the applied job (the API waits until the status stream applied the command); until then the
// row says "pausing…", and a pause that timed out or was refused says so.
'use strict';

(function () {
  const TOKEN_KEY = 'firelane.token';
  const POLL_MS = 2000;
  const PAGE = 50;
  const RUNS_SHOWN = 50;      // rows of the runs table
  const TIMELINE_RUNS = 200;  // runs drawn on a job's timeline
  const VERB = { pause: 'paused', resume: 'resumed', trigger: 'triggered' };
  const ING = { pause: 'pausing…', resume: 'resuming…', trigger: 'triggering…' };

  const state = {
    token: localStorage.getItem(TOKEN_KEY),
    me: null,           // {name, role, auth}
    status: '',         // list filter
    offset: 0,
    known: new Map(),   // jobId -> newest job seen (by generation), so a slow poll never shows an older status
    pending: new Map(), // jobId -> command kind being applied
    timer: null,
    loop: 0,            // the current poll loop; an older one stops when its request returns
    view: null,
  };

  const $ = (id) => document.getElementById(id);

  const { el, when, took, clip } = window.FirelaneDom;

  // ---- API ------------------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, json) {
      super((json && json.message) || ('HTTP ' + status));
      this.status = status;
      this.json = json;
    }
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (state.token) headers['Authorization'] = 'Bearer ' + state.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store',
    });
    let json = null;
    try { json = await response.json(); } catch (e) { /* no JSON body */ }
    if (!response.ok) {
      if (response.status === 401) {
        signedOut(state.token ? 'Your token was refused: ' + ((json && json.message) || 'unauthorized') : '');
      }
      throw new ApiError(response.status, json);
    }
    return json;
  }

  // ---- sign in --------------------------------------------------------------------------------

  async function signIn() {
    try {
      state.me = await api('GET', '/api/whoami');
    } catch (e) {
      if (e.status !== 401) showNotice('Cannot reach the Firelane API: ' + e.message, 'bad');
      return false;
    }
    $('who').textContent = state.me.auth ? state.me.name + ' (' + state.me.role + ')' : 'authentication is off';
    $('sign-out').hidden = !state.me.auth;
    return true;
  }

  function signedOut(why) {
    stopPolling();
    state.token = null;
    state.me = null;
    localStorage.removeItem(TOKEN_KEY);
    $('who').textContent = '';
    $('sign-out').hidden = true;
    $('list-view').hidden = true;
    $('job-view').hidden = true;
    $('system-view').hidden = true;
    $('token-error').textContent = why || '';
    $('token-input').value = '';
    if (!$('token-dialog').open) $('token-dialog').showModal();
    $('token-input').focus();
  }

  async function onTokenSubmit(event) {
    event.preventDefault();
    state.token = $('token-input').value.trim();
    if (await signIn()) {
      localStorage.setItem(TOKEN_KEY, state.token);
      $('token-dialog').close();
      $('token-error').textContent = '';
      route();
    }
  }

  function mayOperate() {
    return state.me && state.me.role === 'operator';
  }

  // ---- views ----------------------------------------------------------------------------------

  function route() {
    if (!state.me) return;
    const match = location.hash.match(/^#\/jobs\/(.+)$/);
    state.view = match ? { kind: 'job', id: decodeURIComponent(match[1]) }
      : location.hash === '#/system' ? { kind: 'system' } : { kind: 'list' };
    $('list-view').hidden = state.view.kind !== 'list';
    $('job-view').hidden = state.view.kind !== 'job';
    $('system-view').hidden = state.view.kind !== 'system';
    $('filters').hidden = state.view.kind === 'system';
    $('nav-system').classList.toggle('on', state.view.kind === 'system');
    $('nav-jobs').classList.toggle('on', state.view.kind !== 'system');
    refreshNow();
  }

  function refreshNow() {
    stopPolling();
    poll(++state.loop);
  }

  async function poll(loop) {
    try {
      if (state.view && state.view.kind === 'job') await refreshJob(state.view.id);
      else if (state.view && state.view.kind === 'system') await refreshSystem();
      else await refreshList();
      $('live').classList.remove('stale');
    } catch (e) {
      $('live').classList.add('stale');
      if (e.status === 401) return;
      if (e.status !== 404) showNotice('Refresh failed: ' + e.message, 'bad');
    }
    if (state.me && loop === state.loop) state.timer = setTimeout(() => poll(loop), POLL_MS);
  }

  function stopPolling() {
    if (state.timer) clearTimeout(state.timer);
    state.timer = null;
  }

  /** The newer of what we know and what the server just said: generations only grow. */
  function remember(job) {
    const known = state.known.get(job.id);
    if (known && known.generation > job.generation) return known;
    state.known.set(job.id, job);
    return job;
  }

  async function refreshList() {
    const query = new URLSearchParams({ limit: String(PAGE), offset: String(state.offset) });
    if (state.status) query.set('status', state.status);
    const jobs = (await api('GET', '/api/jobs?' + query)).map(remember);
    if (!state.view || state.view.kind !== 'list') return;
    const body = $('jobs').querySelector('tbody');
    body.replaceChildren(...jobs.map(jobRow));
    $('empty').hidden = jobs.length > 0;
    $('jobs').hidden = jobs.length === 0;
    $('prev').disabled = state.offset === 0;
    $('next').disabled = jobs.length < PAGE;
    $('page-info').textContent = jobs.length === 0 ? '' : (state.offset + 1) + '–' + (state.offset + jobs.length);
    for (const chip of document.querySelectorAll('#filters .chip')) {
      chip.classList.toggle('on', chip.dataset.status === state.status);
    }
  }

  function jobRow(job) {
    const link = el('a', { href: '#/jobs/' + encodeURIComponent(job.id), text: job.id });
    return el('tr', { 'data-job': job.id, class: job.inFlight ? 'in-flight' : null },
      el('td', {}, link, el('span', { class: 'sub', text: job.handler })),
      el('td', {}, el('span', { text: job.scheduleText || job.schedule }),
        el('span', { class: 'sub mono', text: job.scheduleKind + ' ' + job.schedule })),
      el('td', { class: 'status-cell' }, statusCell(job)),
      el('td', {}, when(job.nextFireAt)),
      el('td', {}, lastRun(job)),
      el('td', { class: 'num runs-cell', text: String(job.runCount) }),
      el('td', {}, errors(job)),
      el('td', { class: 'actions-col' }, actions(job)));
  }

  function statusCell(job) {
    const cell = el('span', {}, badge(job.status, 'status-badge'));
    if (job.inFlight) cell.append(el('span', { class: 'running-dot', text: job.lastFireStatus === 'pending' ? 'fired' : 'running' }));
    const pending = state.pending.get(job.id);
    if (pending) cell.append(el('span', { class: 'pending', text: ING[pending] }));
    return cell;
  }

  function badge(text, extra) {
    return el('span', { class: 'badge ' + text + (extra ? ' ' + extra : ''), text });
  }

  function lastRun(job) {
    if (!job.lastRunAt) return el('span', { class: 'sub', text: 'never' });
    return el('span', {}, badge(job.lastRunStatus, 'last-run'), ' ', when(job.lastRunAt));
  }

  function errors(job) {
    if (!job.consecutiveErrors && !job.lastError) return el('span', { class: 'sub', text: '–' });
    return el('span', { class: job.consecutiveErrors ? 'error-text' : null },
      job.consecutiveErrors + ' in a row',
      job.lastError ? el('span', { class: 'sub', title: job.lastError, text: clip(job.lastError, 60) }) : null);
  }

  function actions(job) {
    const box = el('span', { class: 'actions' });
    if (!mayOperate()) return box;
    const busy = state.pending.has(job.id);
    if (job.status === 'active') {
      box.append(button('pause', job, busy), button('trigger', job, busy));
    } else if (job.status === 'paused' || job.status === 'failed') {
      box.append(button('resume', job, busy));
    }
    return box;
  }

  function button(kind, job, busy) {
    return el('button', {
      type: 'button', class: 'act-' + kind, 'data-action': kind, 'data-job': job.id, disabled: busy,
      text: kind.charAt(0).toUpperCase() + kind.slice(1), onclick: () => act(kind, job.id),
    });
  }

  async function refreshJob(id) {
    const path = '/api/jobs/' + encodeURIComponent(id);
    const [job, runs, audit] = await Promise.all([
      api('GET', path), api('GET', path + '/runs?limit=' + TIMELINE_RUNS), api('GET', path + '/audit?limit=500')]);
    if (!state.view || state.view.kind !== 'job' || state.view.id !== id) return;
    renderJob(remember(job), runs.slice(0, RUNS_SHOWN), audit);
    window.FirelaneTimeline.render($('timeline'), job, runs, audit, Date.now());
  }

  async function refreshSystem() {
    const series = await api('GET', '/api/stats/series');
    if (!state.view || state.view.kind !== 'system') return;
    window.FirelaneSystem.render(series);
  }

  function renderJob(job, runs, audit) {
    $('job-title').textContent = job.id;
    $('job-status').replaceChildren(statusCell(job));
    $('job-actions').replaceChildren(actions(job));
    $('job-details').replaceChildren(...detail('Schedule', job.scheduleText || job.schedule),
      ...detail('Expression', job.scheduleKind + ' ' + job.schedule + (job.scheduleKind === 'cron' ? ' (' + job.timeZone + ')' : '')),
      ...detail('Handler', job.handler), ...detail('Payload', JSON.stringify(job.payload)),
      ...detail('Next fire', when(job.nextFireAt)), ...detail('Last run', lastRun(job)),
      ...detail('Runs', String(job.runCount)), ...detail('Errors', errors(job)),
      ...detail('Overlap', job.overlap), ...detail('Misfire', job.misfire),
      ...detail('Max errors', job.maxErrors ? String(job.maxErrors) : 'no limit'),
      ...detail('Attempts', String(job.maxAttempts)), ...detail('Timeout', job.timeout || 'none'),
      ...detail('Generation', String(job.generation)), ...detail('Created', when(job.createdAt)),
      ...detail('Updated', when(job.updatedAt)));
    $('runs').querySelector('tbody').replaceChildren(...runs.map(runRow));
    $('runs-empty').hidden = runs.length > 0;
    $('audit').querySelector('tbody').replaceChildren(...audit.slice().reverse().map(auditRow));
    $('audit-empty').hidden = audit.length > 0;
  }

  function detail(name, value) {
    return [el('dt', { text: name }), el('dd', {}, value)];
  }

  function runRow(run) {
    const running = run.outcome === 'running' || run.outcome === 'pending';
    return el('tr', { 'data-fire': run.fireId, class: running ? 'in-flight' : null },
      el('td', { class: 'mono', text: run.fireId }),
      el('td', { class: 'num', text: String(run.attempt) }),
      el('td', {}, when(run.scheduledAt)),
      el('td', {}, run.startedAt ? when(run.startedAt) : '–'),
      el('td', { class: 'num', text: took(run.startedAt, run.finishedAt) }),
      el('td', {}, badge(run.outcome, 'outcome')),
      el('td', { class: 'mono', text: run.workerId || '–' }),
      el('td', { class: 'error-text', title: run.error || null, text: clip(run.error || '', 80) }));
  }

  function auditRow(c) {
    const result = el('span', {}, badge(c.result === 'applied' ? 'ok' : 'failed', 'result'));
    result.firstChild.textContent = c.result;
    if (c.resultReason) result.append(el('span', { class: 'sub', text: c.resultReason }));
    return el('tr', { 'data-command': c.commandId },
      el('td', {}, when(c.requestedAt)),
      el('td', { class: 'command-kind', text: c.kind }),
      el('td', { class: 'requested-by', text: c.requestedBy }),
      el('td', { class: 'reason', text: c.reason || '–' }),
      el('td', {}, result),
      el('td', {}, c.appliedAt ? when(c.appliedAt) : '–',
        c.appliedAt ? el('span', { class: 'sub', text: took(c.requestedAt, c.appliedAt) + ' after the request' }) : null));
  }

  // ---- commands -------------------------------------------------------------------------------

  async function act(kind, id) {
    let reason;
    if (kind === 'pause') {
      reason = await askReason(id);
      if (reason === null) return;
    }
    state.pending.set(id, kind);
    redrawKnown(id);
    try {
      const job = await api('POST', '/api/jobs/' + encodeURIComponent(id) + '/' + kind,
        reason === undefined ? undefined : { reason });
      state.known.set(job.id, job); // the applied job, straight from the database
      const by = job.command && job.command.requestedBy ? ' by ' + job.command.requestedBy : '';
      const note = job.command && job.command.resultReason ? ' (' + job.command.resultReason + ')' : '';
      showNotice('Job ' + id + ' ' + VERB[kind] + by + note + ' — applied in ' + job.appliedInMs + ' ms', 'good');
    } catch (e) {
      showNotice(failure(kind, id, e), 'bad');
    } finally {
      state.pending.delete(id);
      redrawKnown(id);
      refreshNow();
    }
  }

  function failure(kind, id, e) {
    if (e.status === 504) {
      return 'The ' + kind + ' of ' + id + ' was sent but is not applied yet; the job is shown as the database has it. ' + e.message;
    }
    if (e.status === 409) return 'Refused: ' + e.message;
    if (e.status === 403) return 'Not allowed: ' + e.message;
    return 'Could not ' + kind + ' ' + id + ': ' + e.message;
  }

  /** Draws a job again from what we know, e.g. to show or clear "pausing…". */
  function redrawKnown(id) {
    const job = state.known.get(id);
    if (!job) return;
    if (state.view && state.view.kind === 'job' && state.view.id === id) {
      $('job-status').replaceChildren(statusCell(job));
      $('job-actions').replaceChildren(actions(job));
      return;
    }
    const row = document.querySelector('#jobs tr[data-job="' + CSS.escape(id) + '"]');
    if (row) row.replaceWith(jobRow(job));
  }

  function askReason(id) {
    return new Promise((resolve) => {
      const dialog = $('reason-dialog');
      const form = $('reason-form');
      $('reason-title').textContent = 'Pause job ' + id;
      $('reason-input').value = '';
      const done = (value) => {
        form.removeEventListener('submit', onSubmit);
        $('reason-cancel').removeEventListener('click', onCancel);
        dialog.removeEventListener('cancel', onCancel);
        if (dialog.open) dialog.close();
        resolve(value);
      };
      const onSubmit = (event) => {
        event.preventDefault();
        const reason = $('reason-input').value.trim();
        if (reason) done(reason);
      };
      const onCancel = (event) => {
        event.preventDefault();
        done(null);
      };
      form.addEventListener('submit', onSubmit);
      $('reason-cancel').addEventListener('click', onCancel);
      dialog.addEventListener('cancel', onCancel);
      dialog.showModal();
      $('reason-input').focus();
    });
  }

  // ---- formatting -----------------------------------------------------------------------------

  let noticeTimer = null;
  function showNotice(text, kind) {
    const notice = $('notice');
    notice.textContent = text;
    notice.className = 'notice ' + (kind || '');
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, kind === 'bad' ? 12000 : 6000);
  }

  // ---- start ----------------------------------------------------------------------------------

  async function start() {
    $('token-form').addEventListener('submit', onTokenSubmit);
    $('token-dialog').addEventListener('cancel', (event) => event.preventDefault());
    $('sign-out').addEventListener('click', () => signedOut(''));
    for (const chip of document.querySelectorAll('#filters .chip')) {
      chip.addEventListener('click', () => {
        state.status = chip.dataset.status;
        state.offset = 0;
        if (location.hash !== '#/' && location.hash !== '') location.hash = '#/';
        else refreshNow();
      });
    }
    $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); refreshNow(); });
    $('next').addEventListener('click', () => { state.offset += PAGE; refreshNow(); });
    window.FirelaneSystem.start();
    window.addEventListener('hashchange', route);
    if (await signIn()) route(); // a 401 has opened the sign-in dialog already
  }

  document.addEventListener('DOMContentLoaded', start);
})();
