import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap, exposeStats } from './app/bootstrap';
import { startEngine } from './engine';
import { engineIntent, engineSink } from './store';
import { startFilterState } from './components/filters/filterState';
import { registerConnectionExtras } from './components/settings/openConnection';
import './styles.css';

// Nothing runs on import: the engine, the filter box and the saved-connection extras start here, in this order, before
// the first connection opens.
startEngine({ intent: engineIntent, sink: engineSink });
startFilterState();
registerConnectionExtras();
exposeStats();
bootstrap();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
