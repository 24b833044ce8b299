export { datasetRows, EXPORT_PAGE_SIZE, exportDataset } from './export-dataset.ts';
export { EXPORT_FORMATS, type ExportFormat } from './export-format.ts';
export { DATASET_NAMES, DATASETS, type DatasetName, type Period } from './warehouse-datasets.ts';
