// The web chat: starts a dialog, shows its transcript and status live (server-sent events), sends the client's
// messages and lets them leave. The chat's token lives in this tab's session storage, so a reload continues it.
(function () {
  'use strict';

  const params = new URLSearchParams(location.search);
  const scenario = params.get('scenario') || '';
  const storageKey = 'operator-connect-chat:' + scenario;
  const $ = (id) => document.getElementById(id);
  const seen = new Set();
  let chat = null; // {dialogId, token, expiresAt}
  let events = null;
  let lastStatus = null;

  function load() {
    try {
      const stored = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
      if (stored && stored.token && Date.parse(stored.expiresAt) > Date.now()) {
        return stored;
      }
    } catch (ignored) {
      // storage unavailable or garbled: start afresh
    }
    return null;
  }

  function save(value) {
    try {
      if (value) {
        sessionStorage.setItem(storageKey, JSON.stringify(value));
      } else {
        sessionStorage.removeItem(storageKey);
      }
    } catch (ignored) {
      // a frame without storage still chats, it just cannot continue after a reload
    }
  }

  async function call(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (chat) {
      headers['Authorization'] = 'Bearer ' + chat.token;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((json && json.detail) || ('the desk answered ' + response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function showError(id, message) {
    const element = $(id);
    element.textContent = message || '';
    element.hidden = !message;
  }

  function showChat(open) {
    $('start').hidden = open;
    $('log').hidden = !open;
    $('write').hidden = !open;
    $('foot').hidden = !open;
  }

  function addLine(line) {
    if (seen.has(line.id)) {
      return;
    }
    seen.add(line.id);
    const item = document.createElement('li');
    item.className = line.from;
    item.dataset.testid = 'chat-line';
    item.dataset.from = line.from;
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = line.from === 'client' ? 'You'
      : line.from === 'operator' ? (line.operatorName || 'Operator') : 'Assistant';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = line.text;
    item.append(who, text);
    appendToLog(item);
  }

  function addNote(text) {
    const item = document.createElement('li');
    item.className = 'note';
    item.dataset.testid = 'chat-note';
    item.textContent = text;
    appendToLog(item);
  }

  function appendToLog(item) {
    const log = $('log');
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    log.append(item);
    if (atBottom) {
      log.scrollTop = log.scrollHeight;
    }
  }

  function minutes(seconds) {
    const whole = Math.max(1, Math.round(seconds / 60));
    return whole === 1 ? 'about a minute' : 'about ' + whole + ' minutes';
  }

  function statusText(dialog) {
    switch (dialog.state) {
      case 'BOT': return 'Our assistant is answering.';
      case 'REQUESTED': return 'Waiting for an operator…';
      case 'QUEUED': {
        let text = 'Waiting for an operator';
        if (dialog.queuePosition) {
          text += ': you are number ' + dialog.queuePosition + ' in the queue';
        }
        if (dialog.estimatedWaitSeconds != null) {
          text += ', ' + minutes(dialog.estimatedWaitSeconds);
        }
        return text + '.';
      }
      case 'TAKEN_OVER': return (dialog.operator ? dialog.operator.name : 'An operator') + ' is with you.';
      case 'CLOSED': return 'The chat has ended.';
      default: return '';
    }
  }

  function showStatus(dialog) {
    $('status').textContent = statusText(dialog);
    $('status').dataset.state = dialog.state;
    const previous = lastStatus;
    lastStatus = dialog;
    if (previous && previous.state === 'TAKEN_OVER' && dialog.state === 'TAKEN_OVER' && dialog.operator
        && previous.operator && previous.operator.id !== dialog.operator.id) {
      addNote('You were passed to ' + dialog.operator.name + '.');
    }
    const closed = dialog.state === 'CLOSED';
    if (closed && (!previous || previous.state !== 'CLOSED')) {
      addNote('The chat has ended.');
      stopEvents();
    }
    $('write').hidden = closed;
    $('leave').hidden = closed;
    $('again').hidden = !closed;
  }

  function stopEvents() {
    if (events) {
      events.close();
      events = null;
    }
  }

  function listen() {
    stopEvents();
    const source = new EventSource('/chat/api/dialogs/' + encodeURIComponent(chat.dialogId) + '/events?token='
      + encodeURIComponent(chat.token));
    source.addEventListener('message', (event) => addLine(JSON.parse(event.data)));
    source.addEventListener('status', (event) => showStatus(JSON.parse(event.data)));
    source.addEventListener('open', () => showError('error', ''));
    source.addEventListener('error', () => {
      if (source.readyState === EventSource.CLOSED) {
        // refused rather than cut: find out why (an expired token) and say so
        resume().catch((error) => showError('error', error.message));
      } else {
        showError('error', 'Reconnecting…');
      }
    });
    events = source;
  }

  async function resume() {
    try {
      const state = await call('GET', '/chat/api/dialogs/' + encodeURIComponent(chat.dialogId));
      showChat(true);
      state.messages.forEach(addLine);
      showStatus(state.dialog);
      if (state.dialog.state !== 'CLOSED') {
        listen();
      }
    } catch (error) {
      if (error.status === 401 || error.status === 403 || error.status === 404) {
        forget();
        showError('start-error', 'Your earlier chat can no longer be opened: ' + error.message);
        return;
      }
      throw error;
    }
  }

  function forget() {
    stopEvents();
    chat = null;
    lastStatus = null;
    save(null);
    seen.clear();
    $('log').replaceChildren();
    showChat(false);
    $('status').textContent = 'We are here to help.';
  }

  async function start() {
    $('start-button').disabled = true;
    showError('start-error', '');
    try {
      const started = await call('POST', '/chat/api/dialogs', scenario ? {scenario} : {});
      chat = {dialogId: started.dialogId, token: started.token, expiresAt: started.expiresAt};
      save(chat);
      showChat(true);
      showStatus(started.dialog);
      listen();
      $('text').focus();
    } catch (error) {
      showError('start-error', error.message);
    } finally {
      $('start-button').disabled = false;
    }
  }

  async function send(event) {
    event.preventDefault();
    const text = $('text').value.trim();
    if (!text) {
      return;
    }
    const button = $('write').querySelector('button');
    button.disabled = true;
    try {
      addLine(await call('POST', '/chat/api/dialogs/' + encodeURIComponent(chat.dialogId) + '/messages', {text}));
      $('text').value = '';
      showError('error', '');
    } catch (error) {
      showError('error', 'Not sent: ' + error.message);
    } finally {
      button.disabled = false;
      $('text').focus();
    }
  }

  async function leave() {
    if (!confirm('End this chat? You can start a new one afterwards.')) {
      return;
    }
    try {
      showStatus(await call('POST', '/chat/api/dialogs/' + encodeURIComponent(chat.dialogId) + '/leave'));
    } catch (error) {
      showError('error', error.message);
    }
  }

  $('start-button').addEventListener('click', start);
  $('write').addEventListener('submit', send);
  $('text').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      $('write').requestSubmit();
    }
  });
  $('leave').addEventListener('click', leave);
  $('again').addEventListener('click', () => {
    forget();
    start();
  });

  chat = load();
  if (chat) {
    resume().catch((error) => showError('start-error', error.message));
  }
})();
