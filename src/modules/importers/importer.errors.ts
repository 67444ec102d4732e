import { AppError } from '../../web/errors';

/** The file is not what the importer reads (malformed XML, wrong root, unknown version…). */
export class ImportFormatError extends AppError {
  constructor(message: string) {
    super('import_format', 400, message);
  }
}

/** An XML file with a DOCTYPE: refused, since entity declarations are how XXE and billion-laughs attacks work. */
export class DoctypeRefusedError extends AppError {
  constructor() {
    super('import_doctype', 400, 'the file has a DOCTYPE declaration; refused (entity declarations are not accepted in imports)');
  }
}

/** The import file cannot be read. */
export class ImportFileError extends AppError {
  constructor(file: string, reason: string) {
    super('import_file', 400, `cannot read ${file}: ${reason}`, { file });
  }
}

/** Wrong arguments to import, export or backup: the usage line. */
export class CommandUsageError extends AppError {
  constructor(message: string) {
    super('usage', 400, message);
  }
}
