export { parseExtraVars } from './extra-vars.js';
export {
  explainVariable,
  hostInventoryLayers,
  LAYER_ORDER,
  mergeLayers,
  readVarsFile,
  type VarLayer,
  type VarLayerName,
  varsFrom,
} from './layers.js';
export { magicVariables } from './magic.js';
