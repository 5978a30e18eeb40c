// Public surface of the areas module.
export { listAreas, getArea, createArea, importAreasFromGeoJson, areasAsGeoJson, countAreasByLevel, type GeoJsonImportResult } from './service.ts';
export { AREA_LEVEL_LABELS, parseAreasGeoJson, compareAreaCodes, type AreaLevel } from './rules.ts';
export { AREA_LEVELS } from './inputs.ts';
export { areasModule } from './module.ts';
