import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { adoptRestoredConnections, applyQueryCapacity, bootstrap, describeForHistory, exposeStats } from './app/bootstrap';
import { eventLog, startEngine } from './engine';
import { startEntities } from './entities';
import { startKeepAlive } from './alerts';
import { isShapeDrift, startShapes } from './shapes';
import { setShapeDriftTest } from './filter';
import { startHistory } from './io/history';
import { engineIntent, engineSink } from './store';
import { startFilterState } from './components/filters/filterState';
import { registerConnectionExtras } from './components/settings/openConnection';
import './styles.css';

// Nothing runs on import: the engine, the entity index that follows its log, the shape tracker, the filter box, the saved-connection
// extras and the stored history start here, in this order, before the first connection opens.
startEngine({ intent: engineIntent, sink: engineSink });
startEntities(eventLog);
startKeepAlive(eventLog);
startShapes(eventLog);
setShapeDriftTest(isShapeDrift);
startFilterState();
registerConnectionExtras();
exposeStats();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The stored history goes into the log before any connection opens, so live events follow it.
applyQueryCapacity();
void startHistory({ describeConnection: describeForHistory, disabled: new URLSearchParams(location.search).get('history') === '0' }).then(() => {
  bootstrap();
  adoptRestoredConnections();
});
