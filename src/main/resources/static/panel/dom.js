// Building the page's elements, errors and notes, and the live indicator.
import {ApiError} from './api.js';

export const $ = (selector, root = document) => root.querySelector(selector);

export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'className') node.className = value;
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  // textContent only: whatever a client typed is shown as text, never as markup.
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

// ---- errors and the live indicator ----

export function showError(error) {
  if (error instanceof ApiError && error.status === 401) return;
  $('#error-text').textContent = error instanceof Error ? error.message : String(error);
  $('#error').hidden = false;
}

/** A note for the operator, not an error: something the desk did that they should know about. */
export function showNotice(text) {
  $('#notice-text').textContent = text;
  $('#notice').hidden = false;
}

export function clearError() {
  $('#error').hidden = true;
  $('#error-text').textContent = '';
}

/** Runs what a person asked for: the buttons wait, and a refusal shows its detail. */
export async function act(button, work) {
  clearError();
  if (button) button.disabled = true;
  try {
    await work();
  } catch (error) {
    showError(error);
  } finally {
    if (button) button.disabled = false;
  }
}

export function setLive(on) {
  const live = $('#live');
  live.classList.toggle('on', on);
  live.classList.toggle('off', !on);
  live.textContent = on ? 'Live' : 'Reconnecting…';
}
