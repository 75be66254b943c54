// Renderer entry: creates the API client for whichever transport is present and mounts the app,
// or, in web mode without a usable token, the page that says which URL to open.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.js';
import type { AppApiClient } from './api/connection.js';
import { forgetWebToken, pageStorage } from './api/web-token.js';
import { App } from './App.js';
import { TokenHelp } from './ui/TokenHelp.js';
import './styles.css';

/** The app until the server refuses this page's token; then the help page (and the stale token is forgotten). */
function WebGate({ api }: { api: AppApiClient }) {
  const [refused, setRefused] = useState(() => api.connection().status === 'unauthorised');
  useEffect(() => {
    const check = () => {
      if (api.connection().status !== 'unauthorised') return;
      forgetWebToken(pageStorage());
      setRefused(true);
    };
    check();
    return api.onConnection(check);
  }, [api]);
  return refused ? <TokenHelp reason="refused" /> : <App api={api} />;
}

const api = createApiClient();
createRoot(document.getElementById('root')!).render(
  <StrictMode>{api ? <WebGate api={api} /> : <TokenHelp reason="missing" />}</StrictMode>,
);
