/** The sidebar bundle's entry (webpack): starts the page it is inlined into. */
import { start } from './sidebar';

void start(document);
