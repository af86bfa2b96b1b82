// The folders: My dialogs, Requested, and In Queue while automatic connection is on.
import {api, page} from './api.js';
import {$, act, element, setText} from './dom.js';
import {clock, duration, whoWrote} from './format.js';
import {openDialog} from './dialog.js';

/**
 * Shows a folder's dialogs. Entries are kept by dialog id and only their text is updated, so a refresh
 * neither moves the keyboard focus nor the element a person is about to click.
 */
function renderFolder(id, items, describe) {
  const folder = $(`#${id}`);
  const list = $('ul', folder);
  const existing = new Map([...list.children].map((row) => [row.dataset.dialogId, row]));
  const rows = items.map((item) => {
    const {dialogId, line1, line2, unread} = describe(item);
    const row = existing.get(dialogId) || dialogRow(dialogId);
    const link = $('.dialog-link', row);
    setText($('.line1', link), line1);
    setText($('.line2', link), line2);
    const badge = $('.unread', link);
    setText(badge, unread ? String(unread) : '');
    badge.hidden = !unread;
    badge.setAttribute('aria-label', `${unread || 0} unread`);
    link.setAttribute('aria-current', String(dialogId === page.openDialogId));
    return row;
  });
  const same = rows.length === list.children.length && rows.every((row, index) => list.children[index] === row);
  if (!same) list.replaceChildren(...rows);
  $('.count', folder).textContent = items.length ? `(${items.length})` : '';
  $('.empty', folder).hidden = items.length > 0;
}

function dialogRow(dialogId) {
  const link = element('button', {
    type: 'button', className: 'dialog-link', 'data-testid': 'dialog-item', dataset: {dialogId},
  }, element('span', {className: 'line1'}), element('span', {className: 'line2'}),
  element('span', {className: 'unread', 'data-testid': 'unread-count', hidden: true}));
  link.addEventListener('click', () => act(null, () => openDialog(dialogId)));
  return element('li', {dataset: {dialogId}}, link);
}

/**
 * A dialog of My dialogs or Requested: the client and channel, then the latest line (with its time), or where it
 * waits; and what is unread.
 */
function describeDialog(dialog) {
  const parts = [dialog.channel, dialog.subject];
  if (dialog.waitingSeconds !== null && dialog.waitingSeconds !== undefined) {
    parts.push(`waiting ${duration(dialog.waitingSeconds)}`);
  } else if (dialog.assignedAt) {
    parts.push(`since ${clock(dialog.assignedAt)}`);
  }
  const last = dialog.lastMessage;
  const line2 = last
    ? `${clock(last.at)} · ${last.from === 'CLIENT' ? '' : `${whoWrote(last)}: `}${last.text}`
    : parts.slice(1).filter(Boolean).join(' · ');
  const waiting = dialog.waitingSeconds !== null && dialog.waitingSeconds !== undefined
    ? ` · waiting ${duration(dialog.waitingSeconds)}` : '';
  return {dialogId: dialog.id, line1: `${dialog.clientId} · ${dialog.channel}${waiting}`, line2,
    unread: dialog.unread || 0};
}

function describeQueueEntry(entry) {
  const parts = [`#${entry.position}`, entry.channel, entry.subject, `waiting ${duration(entry.waitingSeconds)}`];
  if (entry.estimatedWaitSeconds !== null && entry.estimatedWaitSeconds !== undefined) {
    parts.push(`about ${duration(entry.estimatedWaitSeconds)} more`);
  }
  return {dialogId: entry.dialogId, line1: entry.clientId, line2: parts.filter(Boolean).join(' · ')};
}

const TITLE = document.title;

/** The page's title counts the unread lines of my dialogs: seen from another tab. */
function showUnread(total) {
  const title = total ? `(${total}) ${TITLE}` : TITLE;
  if (document.title !== title) document.title = title;
}

/** The folders as last read, and when: waiting times tick on from there every second, with no new read. */
let shown = null;

export async function loadFolders() {
  const folders = await api('GET', `/api/panel/folders?operatorId=${encodeURIComponent(page.me.id)}`);
  shown = {folders, readAt: Date.now()};
  showFolders();
}

export function tickWaitingTimes() {
  setInterval(() => {
    if (shown) showFolders();
  }, 1000);
}

function showFolders() {
  const later = (Date.now() - shown.readAt) / 1000;
  const aged = (items) => items.map((item) => (item.waitingSeconds === null || item.waitingSeconds === undefined
    ? item : {...item, waitingSeconds: item.waitingSeconds + later}));
  const folders = {...shown.folders, myDialogs: aged(shown.folders.myDialogs),
    requested: aged(shown.folders.requested), inQueue: shown.folders.inQueue && aged(shown.folders.inQueue)};
  renderFolder('folder-mine', folders.myDialogs, describeDialog);
  showUnread(folders.myDialogs.reduce((sum, dialog) => sum + (dialog.unread || 0), 0));
  renderFolder('folder-requested', folders.requested, describeDialog);
  // inQueue is null while automatic connection is off: the folder is not there at all then.
  const queue = $('#folder-queue');
  queue.hidden = folders.inQueue === null;
  renderFolder('folder-queue', folders.inQueue || [], describeQueueEntry);
}
