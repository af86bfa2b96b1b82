// Live updates: the server's events, the fallback refresh and the operator's heartbeat.
import {api, page} from './api.js';
import {setLive, showError, showNotice} from './dom.js';
import {loadDialog} from './dialog.js';
import {refreshNow, scheduleRefresh} from './refresh.js';
import {alertOperator, outOfView} from './alerts.js';

/** Server-sent events reach only the pages open on the node that raised them. With several nodes on one
 *  database a change made on another node is not pushed here, so the page also reads everything again
 *  this often (and that also covers a stream that is reconnecting). */
const FALLBACK_REFRESH_MS = 10000;
/** The operator's panel is still open: keeps them from being set OFFLINE for silence (heartbeat-timeout). */
const HEARTBEAT_MS = 20000;

export function listen() {
  const events = new EventSource('/api/panel/events');
  events.addEventListener('ready', () => {
    setLive(true);
    // Whatever happened while the stream was down.
    scheduleRefresh();
  });
  for (const name of ['assigned', 'waiting', 'operators', 'settings', 'work']) {
    events.addEventListener(name, scheduleRefresh);
  }
  events.addEventListener('assigned', (event) => {
    if (!outOfView()) return;
    const about = JSON.parse(event.data);
    api('GET', `/api/dialogs/${encodeURIComponent(about.dialogId)}`)
      .then((dialog) => alertOperator(`New dialog: ${dialog.clientId}`,
        [dialog.channel, dialog.subject].filter(Boolean).join(' · '), about.dialogId))
      .catch(showError);
  });
  events.addEventListener('left', (event) => {
    const about = JSON.parse(event.data);
    page.leftAs.set(about.dialogId, about.state);
    scheduleRefresh();
  });
  events.addEventListener('back', (event) => {
    const about = JSON.parse(event.data);
    const tell = (who) => showNotice(`Nobody else could take ${who}: it is back with you. `
        + 'The client was not told again that you joined.');
    api('GET', `/api/dialogs/${encodeURIComponent(about.dialogId)}`)
      .then((dialog) => tell(`the dialog with ${dialog.clientId} on ${dialog.channel}`))
      .catch(() => tell('a dialog you gave back'));
    scheduleRefresh();
  });
  events.addEventListener('message', (event) => {
    const about = JSON.parse(event.data);
    if (about.from === 'CLIENT' && outOfView()) {
      Promise.all([api('GET', `/api/dialogs/${encodeURIComponent(about.dialogId)}`),
        api('GET', `/api/dialogs/${encodeURIComponent(about.dialogId)}/messages`)])
        .then(([dialog, messages]) => {
          const line = messages.find((message) => message.id === about.messageId);
          alertOperator(`${dialog.clientId} wrote`, line ? line.text : 'A new message', about.dialogId);
        })
        .catch(showError);
    }
    if (about.dialogId === page.openDialogId) loadDialog().catch(showError);
    // the folders' unread counts, latest lines and order move with every line
    scheduleRefresh();
  });
  events.addEventListener('error', () => {
    setLive(false);
    if (events.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself
    // Closed for good after a refusal: when signed out, api() goes to the login page; otherwise try again.
    api('GET', '/api/me').catch(() => {}).finally(() => setTimeout(listen, 5000));
  });
}

/** The refresh loop, and for an operator the heartbeat; started once the first refresh is done. */
export function keepRefreshing() {
  setInterval(refreshNow, FALLBACK_REFRESH_MS);
  if (page.isOperator) {
    setInterval(() => api('POST', `/api/operators/${encodeURIComponent(page.me.id)}/heartbeat`).catch(showError),
      HEARTBEAT_MS);
  }
}
