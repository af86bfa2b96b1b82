#!/usr/bin/env node
// Validates every element template under the given folder (processes/.camunda/element-templates) as
// Camunda Modeler does when it loads them, and a little more strictly. Prints each finding as
// "file: template: problem" and exits 1 when there is any.
//
// 1. The JSON schema for Camunda 7 templates (@camunda/element-templates-json-schema), through the
//    validator Camunda Modeler itself uses (@bpmn-io/element-templates-validator, which carries that
//    schema compiled with its error messages). The schema package installed beside it must be the
//    version the validator carries, so "valid" means valid against the pinned schema.
// 2. Keys the Camunda 7 schema does not define: the schema allows them, Modeler ignores them. This
//    catches Camunda 8 features such as "optional" or "condition" that would silently do nothing.
// 3. What Modeler checks beyond the schema: id and version unique across the files, elementType one
//    of the types appliesTo allows; and a Dropdown's default value is one of its choices.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const validator = require('@bpmn-io/element-templates-validator');
const schemaPackage = require('@camunda/element-templates-json-schema/package.json');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const folder = process.argv[2];
if (!folder) {
  console.error('usage: validate-templates.cjs <element-templates folder>');
  process.exit(2);
}

const findings = [];

if (validator.getSchemaVersion() !== schemaPackage.version) {
  findings.push(`@bpmn-io/element-templates-validator carries ${validator.getSchemaPackage()} `
    + `${validator.getSchemaVersion()}, but ${schemaPackage.name} ${schemaPackage.version} is pinned: `
    + 'pin the same version in .ci/bpmn/package.json');
}

const known = knownKeys(schema);
const files = fs.existsSync(folder)
  ? fs.readdirSync(folder).filter(name => name.endsWith('.json')).sort()
  : [];
if (files.length === 0) {
  findings.push(`${folder}: no element templates (*.json) found`);
}

const seen = new Map();
let count = 0;
for (const file of files) {
  const where = path.join(folder, file);
  const text = fs.readFileSync(where, 'utf8');
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    findings.push(`${where}: not valid JSON: ${err.message}`);
    continue;
  }
  const templates = Array.isArray(parsed) ? parsed : [ parsed ];
  for (const template of templates) {
    count++;
    const name = `${where}: template <${template && template.id}>`;
    const result = validator.validate(JSON.stringify(template, null, 2));
    for (const error of relevant(result.errors || [])) {
      findings.push(`${name}: ${error.message}${error.instancePath ? ` at ${error.instancePath}` : ''}`);
    }
    if (!template || typeof template !== 'object' || !Array.isArray(template.properties)) {
      continue;
    }
    const key = `${template.id}@${template.version === undefined ? '_' : template.version}`;
    if (seen.has(key)) {
      findings.push(`${name}: id and version ${key} already used in ${seen.get(key)}`);
    }
    seen.set(key, where);
    unknownKeys(template, known.template, 'template', name);
    if (template.elementType && !(template.appliesTo || []).some(type => appliesTo(template.elementType.value, type))) {
      findings.push(`${name}: elementType ${template.elementType.value} is none of appliesTo ${template.appliesTo}`);
    }
    (template.properties || []).forEach((property, index) => {
      const binding = property.binding || {};
      const at = `${name}: properties[${index}] (${property.label || binding.name || binding.type})`;
      unknownKeys(property, known.property, 'property', at);
      unknownKeys(binding, known.binding, 'binding', at);
      unknownKeys(property.constraints, known.constraints, 'constraints', at);
      (property.choices || []).forEach(choice => unknownKeys(choice, known.choice, 'choice', at));
      if (property.type === 'Dropdown' && property.value !== undefined
          && !(property.choices || []).some(choice => choice.value === property.value)) {
        findings.push(`${at}: default value '${property.value}' is none of the choices`);
      }
      if (property.group && !(template.groups || []).some(group => group.id === property.group)) {
        findings.push(`${at}: group '${property.group}' is not among the template's groups`);
      }
    });
    (template.groups || []).forEach(group => unknownKeys(group, known.group, 'group', name));
  }
}

if (findings.length) {
  findings.forEach(finding => console.error(finding));
  console.error(`element templates: ${findings.length} problem(s)`);
  process.exit(1);
}
console.log(`element templates: ${count} template(s) in ${files.length} file(s) valid against `
  + `${schemaPackage.name} ${schemaPackage.version}`);


/**
 * The errors Camunda Modeler shows: the schema's own messages and plain type errors, without the
 * supporting ones (unmatched if-then and oneOf branches); all of them when that leaves none.
 */
function relevant(errors) {
  const shown = errors.filter(error => error.keyword === 'errorMessage'
    || (error.keyword === 'type' && error.instancePath && !error.instancePath.startsWith('/scopes/')));
  return shown.length ? shown : errors;
}

/** The keys the Camunda 7 schema defines for a template, a property, a binding and so on. */
function knownKeys(schema) {
  const template = schema.definitions.template;
  const properties = schema.definitions.properties.allOf;
  const union = (...objects) => new Set(objects.flatMap(object => Object.keys(object || {})));
  const propertyKeys = union(...properties.map(part => part.items.properties));
  const itemProperties = properties[0].items.properties;
  const bindingProperties = properties.map(part => part.items.properties.binding).filter(Boolean);
  return {
    template: union(...template.allOf.map(part => part.properties), template.properties),
    property: propertyKeys,
    binding: union(...bindingProperties.map(binding => binding.properties)),
    constraints: union(itemProperties.constraints.properties),
    choice: union(itemProperties.choices.items.properties),
    group: union(template.allOf[0].properties.groups.items.properties)
  };
}

function unknownKeys(object, known, what, where) {
  for (const key of Object.keys(object || {})) {
    if (!known.has(key)) {
      findings.push(`${where}: '${key}' is not a ${what} key of the Camunda 7 element-templates schema `
        + '(Camunda Modeler ignores it; Camunda 8 features such as optional or condition do not apply here)');
    }
  }
}

/** Enough of BPMN's type hierarchy for the templates here: every task type is a bpmn:Task. */
function appliesTo(elementType, type) {
  if (elementType === type) {
    return true;
  }
  return type === 'bpmn:Task' && /^bpmn:\w*Task$/.test(elementType);
}
