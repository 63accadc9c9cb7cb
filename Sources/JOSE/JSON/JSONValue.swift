import Foundation

/// A JSON value as decoded from a JOSE header or JWT payload.
///
/// Integers that fit in 64 bits stay integers, so NumericDate values
/// (seconds since the epoch) are never rounded through a Double.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        // Each failed attempt throws, which costs more than the decoding
        // itself, so the types most common in JWTs (strings, the top-level object,
        // integers) are tried first.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The string, when this value is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// A short name of the value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Decodes `bytes` as one JSON object.
    ///
    /// - Throws: `JOSEError.malformed` naming `part` ("header", "payload")
    ///   when the bytes are not UTF-8 JSON, not an object, repeat a member
    ///   name or nest containers deeper than `maximumDepth`.
    static func decodeObject(_ bytes: [UInt8], part: String, maximumDepth: Int) throws(JOSEError) -> [String: JSONValue] {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw .malformed(reason: "the \(part) is not valid UTF-8")
        }
        let value = try JSONValueParser.parse(bytes, part: part, maximumDepth: maximumDepth)
        guard case .object(let object) = value else {
            throw .malformed(reason: "the \(part) is a JSON \(value.typeName), not an object")
        }
        return object
    }
}
