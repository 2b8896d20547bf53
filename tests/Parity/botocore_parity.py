#!/usr/bin/env python3
"""botocore as the yardstick for the module's hand-written AWS requests and response reading.

Used by the xunit tests in tests/AwsContainerInventory.Tests/Parity. One command per run, JSON in on stdin,
JSON out on stdout (a list, one answer per item, in order):

  serialize       [{"service", "operation", "body"}]  the body as the module sent it (JSON text, or a form)
                  -> botocore's request for the same operation with the same parameters:
                     {"protocol", "apiVersion", "method", "path", "headers", "body" (JSON text) or
                      "form" ([[key, value], ...]), "unmapped" (form keys the input shape has no place for),
                      "error" (botocore's parameter validation, or null)}
  output-members  [{"service", "operation", "path"}]  a member path such as "tasks[].attachments[].details[].name"
                  -> {"found", "detail"}: whether the path exists in the operation's output shape
  examples        [{"service", "operation"}]
                  -> {"examples": [{"id", "input", "output"}]} from the service's examples-1.json

Parameters are mapped back from the wire to botocore's input shape by the same naming rules botocore's
serializers use (member names or jsonName for JSON; locationName/queryName, ".member.N" or flattened ".N" lists
for query and ec2), so serializing them again shows what botocore would have sent.
"""
import base64
import json
import sys
from urllib.parse import parse_qsl, urlencode

import botocore.session
from botocore.exceptions import ParamValidationError
from botocore.serialize import create_serializer

_session = botocore.session.get_session()
_models = {}


def model(service):
    if service not in _models:
        _models[service] = _session.get_service_model(service)
    return _models[service]


# ---- wire -> botocore input parameters -------------------------------------------------------------------

def query_name(shape, default, protocol):
    """The serialized name botocore's QuerySerializer / EC2Serializer gives a member."""
    serialization = shape.serialization
    if protocol == 'ec2':
        if 'queryName' in serialization:
            return serialization['queryName']
        if 'name' in serialization:
            name = serialization['name']
            return name[0].upper() + name[1:]
        return default
    return serialization.get('name', default)


def scalar(shape, text):
    kind = shape.type_name
    try:
        if kind in ('integer', 'long'):
            return int(text)
        if kind in ('float', 'double'):
            return float(text)
        if kind == 'boolean' and text in ('true', 'false'):
            return text == 'true'
        if kind == 'blob':
            return base64.b64decode(text)
    except ValueError:
        pass
    # Anything else stays text: botocore's validation then says what is wrong with it.
    return text


def from_form(shape, key, form, used, protocol):
    kind = shape.type_name
    if kind == 'structure':
        result = {}
        for name, member in shape.members.items():
            member_key = query_name(member, name, protocol)
            value = from_form(member, f'{key}.{member_key}' if key else member_key, form, used, protocol)
            if value is not None:
                result[name] = value
        return result if result or not key else None
    if kind == 'list':
        if protocol != 'ec2' and form.get(key) == '':
            used.add(key)
            return []
        if protocol == 'ec2':
            base = key
        elif shape.serialization.get('flattened'):
            base = key
            if shape.member.serialization.get('name'):
                base = '.'.join(key.split('.')[:-1] + [query_name(shape.member, '', protocol)])
        else:
            base = f"{key}.{shape.member.serialization.get('name', 'member')}"
        items = []
        while any(k == f'{base}.{len(items) + 1}' or k.startswith(f'{base}.{len(items) + 1}.') for k in form):
            items.append(from_form(shape.member, f'{base}.{len(items) + 1}', form, used, protocol))
        return items or None
    if kind == 'map':
        base = key if shape.serialization.get('flattened') else f'{key}.entry'
        key_name = query_name(shape.key, 'key', protocol)
        value_name = query_name(shape.value, 'value', protocol)
        result = {}
        i = 1
        while f'{base}.{i}.{key_name}' in form:
            entry_key = from_form(shape.key, f'{base}.{i}.{key_name}', form, used, protocol)
            result[entry_key] = from_form(shape.value, f'{base}.{i}.{value_name}', form, used, protocol)
            i += 1
        return result or None
    if key in form:
        used.add(key)
        return scalar(shape, form[key])
    return None


def from_json(shape, value):
    """JSON protocol: members by name (or jsonName); unknown members are kept so validation names them."""
    if shape is None:
        return value
    if shape.type_name == 'structure' and isinstance(value, dict):
        by_wire_name = {member.serialization.get('name', name): (name, member) for name, member in shape.members.items()}
        result = {}
        for wire_name, item in value.items():
            name, member = by_wire_name.get(wire_name, (wire_name, None))
            result[name] = from_json(member, item)
        return result
    if shape.type_name == 'list' and isinstance(value, list):
        return [from_json(shape.member, item) for item in value]
    if shape.type_name == 'map' and isinstance(value, dict):
        return {k: from_json(shape.value, v) for k, v in value.items()}
    if shape.type_name == 'blob' and isinstance(value, str):
        return base64.b64decode(value)
    return value


def serialize(item):
    service_model = model(item['service'])
    operation = service_model.operation_model(item['operation'])
    protocol = service_model.protocol
    answer = {'protocol': protocol, 'apiVersion': service_model.api_version, 'unmapped': [], 'error': None}
    if protocol in ('query', 'ec2'):
        form = dict(parse_qsl(item['body'], keep_blank_values=True))
        used = {'Action', 'Version'}
        params = from_form(operation.input_shape, '', form, used, protocol) if operation.input_shape else {}
        answer['unmapped'] = sorted(k for k in form if k not in used)
    else:
        params = from_json(operation.input_shape, json.loads(item['body'] or '{}'))
    try:
        request = create_serializer(protocol, include_validation=True).serialize_to_request(params, operation)
    except ParamValidationError as error:
        answer['error'] = str(error)
        return answer
    query = request.get('query_string') or ''
    if isinstance(query, dict):
        query = urlencode(query, doseq=True)
    answer['method'] = request['method']
    answer['path'] = request['url_path'] + ('?' + query if query else '')
    answer['headers'] = dict(request['headers'])
    body = request['body']
    if isinstance(body, dict):
        answer['form'] = [[k, str(v)] for k, v in body.items()]
    else:
        answer['body'] = body.decode('utf-8') if isinstance(body, bytes) else body
    return answer


# ---- output shapes and examples --------------------------------------------------------------------------

def output_member(item):
    shape = model(item['service']).operation_model(item['operation']).output_shape
    walked = []
    for segment in item['path'].split('.'):
        is_list = segment.endswith('[]')
        name = segment[:-2] if is_list else segment
        if shape is None or shape.type_name != 'structure':
            return {'found': False, 'detail': f"'{'.'.join(walked) or '(output)'}' is not a structure"}
        match = next((m for n, m in shape.members.items() if n == name or m.serialization.get('name') == name), None)
        if match is None:
            return {'found': False, 'detail': f"'{name}' is not a member of {shape.name} (members: {', '.join(shape.members)})"}
        walked.append(segment)
        shape = match
        if is_list:
            if shape.type_name != 'list':
                return {'found': False, 'detail': f"'{name}' is a {shape.type_name}, not a list"}
            shape = shape.member
        elif shape.type_name == 'list':
            return {'found': False, 'detail': f"'{name}' is a list: write '{name}[]'"}
    return {'found': True, 'detail': shape.type_name}


def examples(item):
    service_model = model(item['service'])
    loader = _session.get_component('data_loader')
    data = loader.load_service_model(item['service'], 'examples-1', service_model.api_version)
    return {'examples': [{'id': e.get('id'), 'input': e.get('input'), 'output': e.get('output')}
                         for e in data.get('examples', {}).get(item['operation'], [])]}


COMMANDS = {'serialize': serialize, 'output-members': output_member, 'examples': examples}


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        sys.exit('usage: botocore_parity.py ' + '|'.join(COMMANDS) + ' < items.json')
    command = COMMANDS[sys.argv[1]]
    items = json.load(sys.stdin)
    json.dump([command(item) for item in items], sys.stdout, default=str)


if __name__ == '__main__':
    main()
