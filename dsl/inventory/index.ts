export { InventoryBuilder } from './build.js';
export { type ConnectionSettings, connectionSettings } from './connection-settings.js';
export { type ContainerSettings, containerSettings } from './container-settings.js';
export { expandHostRange } from './ini.js';
export { loadInventory } from './load.js';
export type { Inventory, InventoryGroup, InventoryHost } from './types.js';
