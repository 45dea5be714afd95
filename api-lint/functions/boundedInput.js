// Reports every part of an input schema (a parameter or a request body) that does not say how large it may be:
// a string without maxLength, enum or const (a date-time, date or UUID is bounded by its grammar), an integer without
// minimum and maximum, an array without maxItems. Walks the resolved schema, so a component used by a request is
// checked where the request uses it.
const BOUNDED_FORMATS = new Set(['date-time', 'date', 'uuid']);

function types(schema) {
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function walk(schema, path, results, seen) {
  if (schema === null || typeof schema !== 'object' || seen.has(schema)) {
    return;
  }
  seen.add(schema);
  const kinds = types(schema);
  if (kinds.includes('string') && schema.maxLength === undefined && schema.enum === undefined
      && schema.const === undefined && !BOUNDED_FORMATS.has(schema.format)) {
    results.push({ message: 'An input string needs maxLength (or enum, const, or a date/uuid format).', path });
  }
  if (kinds.includes('integer') && (schema.minimum === undefined || schema.maximum === undefined)) {
    results.push({ message: 'An input integer needs minimum and maximum.', path });
  }
  if (kinds.includes('array') && schema.maxItems === undefined) {
    results.push({ message: 'An input array needs maxItems.', path });
  }
  for (const key of ['properties', 'patternProperties']) {
    for (const [name, child] of Object.entries(schema[key] ?? {})) {
      walk(child, [...path, key, name], results, seen);
    }
  }
  for (const key of ['items', 'additionalProperties', 'not']) {
    walk(schema[key], [...path, key], results, seen);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    (schema[key] ?? []).forEach((child, i) => walk(child, [...path, key, i], results, seen));
  }
}

export default function boundedInput(targetVal, _options, context) {
  const results = [];
  walk(targetVal, [...context.path], results, new Set());
  return results;
}
