import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { bootstrap, exposeStats } from './app/bootstrap';
import { eventLog, startEngine } from './engine';
import { startEntities } from './entities';
import { startKeepAlive } from './alerts';
import { engineIntent, engineSink } from './store';
import { startFilterState } from './components/filters/filterState';
import { registerConnectionExtras } from './components/settings/openConnection';
import './styles.css';

// Nothing runs on import: the engine, the entity index that follows its log, the filter box and the saved-connection extras start here, in this order, before
// the first connection opens.
startEngine({ intent: engineIntent, sink: engineSink });
startEntities(eventLog);
startKeepAlive(eventLog);
startFilterState();
registerConnectionExtras();
exposeStats();
bootstrap();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
