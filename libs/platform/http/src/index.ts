// The HTTP edge of every unit: body validation, the error body and status of each error kind,
// security headers, CORS and the size limits.
export * from './status-for-kind';
export * from './error-response';
export * from './all-errors.filter';
export * from './dto-validation.pipe';
export * from './configure-http';
export * from './harden-http';
export * from './uuid-param.pipe';
