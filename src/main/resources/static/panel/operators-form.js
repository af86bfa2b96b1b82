// An administrator creates and edits operators in the page: name, subjects, limits (in all and per channel)
// and password, and sets their status. Editing fills the form from the operator's row; saving sends only
// what the API takes for each.
import {api} from './api.js';
import {$, act} from './dom.js';
import {refreshNow} from './refresh.js';

let editing = null; // the id of the operator the form edits, null for a new one

export function wireOperatorForm() {
  $('#operator-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act($('#operator-save'), save);
  });
  $('#operator-new').addEventListener('click', () => fill(null));
  $('#operators tbody').addEventListener('click', (event) => {
    const button = event.target.closest('button[data-edit]');
    if (button) act(button, async () => fill(await api('GET', `/api/operators/${encodeURIComponent(button.dataset.edit)}`)));
  });
  $('#operators tbody').addEventListener('change', (event) => {
    const select = event.target.closest('select[data-status-of]');
    if (!select) return;
    act(select, async () => {
      await api('PUT', `/api/operators/${encodeURIComponent(select.dataset.statusOf)}/status`, {status: select.value});
      await refreshNow();
    });
  });
}

function fill(operator) {
  editing = operator ? operator.id : null;
  $('#operator-id').value = operator ? operator.id : '';
  $('#operator-id').disabled = Boolean(operator);
  $('#operator-name').value = operator ? operator.name : '';
  $('#operator-groups').value = operator ? operator.groups.join(', ') : '';
  $('#operator-max').value = operator ? operator.maxDialogs : 3;
  $('#operator-channels').value = operator ? Object.entries(operator.channelLimits || {}).sort()
    .map(([channel, limit]) => `${channel}=${limit}`).join(', ') : '';
  $('#operator-password').value = '';
  $('#operator-form-title').textContent = operator ? `Edit ${operator.name}` : 'New operator';
}

async function save() {
  const body = {
    name: $('#operator-name').value.trim(),
    groups: $('#operator-groups').value.split(',').map((group) => group.trim()).filter(Boolean),
    maxDialogs: Number($('#operator-max').value),
    channelLimits: channelLimits($('#operator-channels').value),
  };
  const password = $('#operator-password').value;
  if (password) body.password = password;
  if (editing) {
    await api('PATCH', `/api/operators/${encodeURIComponent(editing)}`, body);
  } else {
    await api('POST', '/api/operators', {id: $('#operator-id').value.trim(), ...body});
  }
  $('#operator-saved').textContent = `Saved ${body.name}.`;
  fill(null);
  await refreshNow();
}

/** "telegram=2, webchat=1" as {telegram: 2, webchat: 1}; what is not a channel and a number is refused. */
function channelLimits(text) {
  const limits = {};
  for (const part of text.split(',').map((one) => one.trim()).filter(Boolean)) {
    const match = /^([^=\s]+)\s*=\s*(\d+)$/.exec(part);
    if (!match) throw new Error(`Per channel: '${part}' is not a channel and a limit, such as telegram=2`);
    limits[match[1]] = Number(match[2]);
  }
  return limits;
}
