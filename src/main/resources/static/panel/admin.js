// Administration: the panel settings and the operators table.
import {api, page} from './api.js';
import {$, element} from './dom.js';

export async function loadSettings() {
  page.settings = await api('GET', '/api/settings');
  $('#auto-connect').checked = page.settings.autoConnect;
  $('#redistribute-on-offline').checked = page.settings.redistributeOnOffline;
  const method = $('#distribution-method');
  if (![...method.options].some((option) => option.value === page.settings.distributionMethod)) {
    method.append(element('option', {value: page.settings.distributionMethod}, page.settings.distributionMethod));
  }
  method.value = page.settings.distributionMethod;
}

export async function saveSettings() {
  const saved = $('#settings-saved');
  saved.textContent = '';
  try {
    page.settings = await api('PUT', '/api/settings', {
      autoConnect: $('#auto-connect').checked,
      distributionMethod: $('#distribution-method').value,
      redistributeOnOffline: $('#redistribute-on-offline').checked,
    });
    saved.textContent = 'Saved.';
  } finally {
    await loadSettings();
  }
}

function channels(operator) {
  const names = new Set([...Object.keys(operator.channelLimits || {}), ...Object.keys(operator.activeByChannel || {})]);
  return [...names].sort().map((channel) => {
    const active = (operator.activeByChannel || {})[channel] || 0;
    const limit = (operator.channelLimits || {})[channel];
    return `${channel} ${active}/${limit === undefined ? '–' : limit}`;
  }).join(', ') || '–';
}

export async function loadOperators() {
  const operators = await api('GET', '/api/operators');
  page.operators = operators;
  const body = $('#operators tbody');
  const drawn = JSON.stringify(operators);
  if (body.dataset.drawn === drawn) return;
  body.dataset.drawn = drawn;
  body.replaceChildren(...(operators.length ? operators.map((operator) => element('tr', {
    'data-testid': 'operator-row', dataset: {operatorId: operator.id},
  },
  element('td', {}, element('strong', {}, operator.name), ` (${operator.id})`),
  element('td', {}, element('span', {className: `badge ${operator.status}`, 'data-testid': 'operator-status'},
    operator.status.toLowerCase()), ' ', statusSelect(operator)),
  element('td', {'data-testid': 'operator-load', className: operator.activeDialogs >= operator.maxDialogs ? 'full' : null},
    `${operator.activeDialogs} / ${operator.maxDialogs}`),
  element('td', {}, channels(operator)),
  element('td', {}, operator.groups.join(', ') || '–'),
  element('td', {}, element('button', {type: 'button', 'data-testid': 'operator-edit', dataset: {edit: operator.id}},
    'Edit')))) : [element('tr', {}, element('td', {colspan: 6}, 'No operators yet: create one below.'))]));
}

function statusSelect(operator) {
  const select = element('select', {'aria-label': `Status of ${operator.name}`, 'data-testid': 'operator-status-select',
    dataset: {statusOf: operator.id}}, ['ONLINE', 'AWAY', 'OFFLINE'].map((status) => element('option',
    {value: status}, status.toLowerCase())));
  select.value = operator.status;
  return select;
}
