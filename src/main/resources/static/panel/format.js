// How times, states and authors read on the page.
import {page} from './api.js';

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return null;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A time in the reader's locale: the time of day alone today, with the date on any other day. */
export function clock(instant) {
  if (!instant) return '';
  const at = new Date(instant);
  const now = new Date();
  if (at.toDateString() === now.toDateString()) {
    return at.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
  }
  return at.toLocaleString([], {
    day: 'numeric', month: 'short', year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric',
    hour: '2-digit', minute: '2-digit',
  });
}

export function stateText(dialog) {
  switch (dialog.state) {
    case 'TAKEN_OVER': return dialog.operatorId === page.me.id ? 'With you' : `With ${dialog.operatorId}`;
    case 'REQUESTED': return 'Waiting to be accepted';
    case 'QUEUED': return dialog.queuePosition ? `In the queue, position ${dialog.queuePosition}` : 'In the queue';
    case 'BOT': return 'With the bot';
    case 'CLOSED': return 'Closed';
    default: return dialog.state;
  }
}

export function whoWrote(message) {
  switch (message.from) {
    case 'CLIENT': return 'Client';
    case 'BOT': return 'Bot';
    case 'OPERATOR': return message.operatorId === page.me.id ? 'You' : message.operatorId;
    default: return message.from;
  }
}
