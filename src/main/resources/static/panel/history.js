// History: closed dialogs found by client, text, operator and date. An operator finds their own (the API shows
// them no more); an administrator finds everyone's.
import {api, page} from './api.js';
import {$, act, element} from './dom.js';
import {historyEntry} from './client.js';

export function wireHistory() {
  $('#history-operator-field').hidden = !page.isAdmin;
  $('#history-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act($('#history-search'), search);
  });
  $('#history-more').addEventListener('click', (event) => act(event.target, () => search(true)));
}

let next = null;

async function search(more = false) {
  const query = new URLSearchParams({state: 'CLOSED', limit: '20'});
  const field = (id, name) => {
    const value = $(id).value.trim();
    if (value) query.set(name, value);
  };
  field('#history-client', 'clientId');
  field('#history-text', 'q');
  field('#history-from', 'from');
  field('#history-to', 'to');
  if (page.isAdmin) field('#history-operator', 'operatorId');
  else if (page.isOperator) query.set('operatorId', page.me.id);
  if (more && next) query.set('after', next);
  const found = await api('GET', `/api/dialogs?${query}`);
  next = found.next;
  const list = $('#history-results');
  const entries = found.items.map((dialog) => historyEntry(dialog, true));
  if (more) list.append(...entries);
  else list.replaceChildren(...(entries.length ? entries : [element('li', {className: 'empty'}, 'Nothing found.')]));
  $('#history-more').hidden = !next;
}
