// The HTTP API and what the page knows about the person using it.
// State lives on the server; the page reads it again whenever something may have changed.

export const page = {
  me: null,             // {id, roles, csrf}
  isOperator: false,    // has the OPERATOR role and an operator record
  isAdmin: false,
  openDialogId: null,
  settings: null,
  operators: null,      // administrators: every operator with their load, as last read
  answerTargetSeconds: null, // administrators: the answer target the figures count by
  leftAs: new Map(),    // dialog id -> the state it was in when it left this operator (the 'left' event)
  readUpTo: new Map(),  // dialog id -> the last line this page has told the server the operator read
};

/** An error answer of the API: the problem document's detail is what the person reads. */
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

function signIn() {
  window.location.assign('/login');
}

export async function api(method, path, body) {
  const headers = {Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && page.me && page.me.csrf) headers[page.me.csrf.headerName] = page.me.csrf.token;
  let response;
  try {
    response = await fetch(path, {
      method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (unreachable) {
    throw new ApiError(0, 'The server cannot be reached; the page tries again by itself.');
  }
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, 'You are signed out.');
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (notJson) {
    data = null;
  }
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : `${method} ${path} failed (HTTP ${response.status})`;
    throw new ApiError(response.status, detail);
  }
  return data;
}
