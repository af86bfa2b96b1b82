// Saved answers: typing "/" at the start of an answer lists the operator's own and their subjects' answers
// (narrowed by what follows the "/"); Enter or a click puts the chosen one in the answer.
import {api, page} from './api.js';
import {$, act, element, showError} from './dom.js';

let replies = [];

export async function loadReplies() {
  replies = await api('GET', '/api/panel/replies');
}

export function wireReplies() {
  const answer = $('#answer');
  answer.addEventListener('input', () => suggest(answer.value));
  answer.addEventListener('keydown', (event) => {
    const first = $('#reply-suggestions button');
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && first && !$('#reply-suggestions').hidden) {
      event.preventDefault();
      first.click();
    } else if (event.key === 'Escape') {
      $('#reply-suggestions').hidden = true;
    }
  });
  $('#save-reply').addEventListener('click', (event) => act(event.target, async () => {
    const text = answer.value.trim();
    if (!text) return;
    const title = text.length > 60 ? `${text.slice(0, 59)}…` : text;
    await api('POST', '/api/panel/replies', {title, text});
    await loadReplies();
  }));
  if (page.isOperator) loadReplies().catch(showError);
}

function suggest(value) {
  const list = $('#reply-suggestions');
  if (!value.startsWith('/')) {
    list.hidden = true;
    return;
  }
  const wanted = value.slice(1).toLowerCase();
  const found = replies.filter((reply) => reply.title.toLowerCase().includes(wanted)
    || reply.text.toLowerCase().includes(wanted)).slice(0, 8);
  list.replaceChildren(...(found.length ? found.map((reply) => element('li', {},
    element('button', {type: 'button', 'data-testid': 'reply-suggestion', dataset: {replyId: reply.id}},
      element('strong', {}, reply.title), reply.subject ? ` · ${reply.subject}` : ' · mine'))) : [element('li',
    {className: 'empty'}, 'No saved answer matches.')]));
  list.querySelectorAll('button').forEach((button, index) => button.addEventListener('click', () => {
    $('#answer').value = found[index].text;
    list.hidden = true;
    $('#answer').focus();
  }));
  list.hidden = false;
}
