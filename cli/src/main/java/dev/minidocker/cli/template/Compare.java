package dev.minidocker.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.List;

/**
 * Go's comparison functions: {@code eq} of basic values (true when the first equals any of the
 * others), and the order of two numbers or two strings. Numbers compare by value, whether JSON
 * wrote them as integers or not; lists and maps cannot be compared.
 */
final class Compare {
    private Compare() {
    }

    static BooleanNode eq(List<JsonNode> args) throws Functions.Failure {
        if (args.size() < 2) {
            throw new Functions.Failure("missing argument for comparison", true);
        }
        JsonNode first = comparable(args.getFirst());
        for (JsonNode other : args.subList(1, args.size())) {
            if (equal(first, comparable(other))) {
                return BooleanNode.TRUE;
            }
        }
        return BooleanNode.FALSE;
    }

    private static boolean equal(JsonNode a, JsonNode b) throws Functions.Failure {
        boolean aNil = a.isMissingNode() || a.isNull();
        boolean bNil = b.isMissingNode() || b.isNull();
        if (aNil || bNil) {
            return aNil && bNil;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            throw new Functions.Failure("incompatible types for comparison", true);
        }
        return a.equals(b);
    }

    /** Below, equal to or above zero as {@code args}' first is less than, equal to or more than its second. */
    static int order(String name, List<JsonNode> args) throws Functions.Failure {
        Functions.exactly(name, args, 2);
        JsonNode a = args.get(0);
        JsonNode b = args.get(1);
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isTextual() && b.isTextual()) {
            return a.textValue().compareTo(b.textValue());
        }
        if (!ordered(a) || !ordered(b)) {
            throw new Functions.Failure("invalid type for comparison", true);
        }
        throw new Functions.Failure("incompatible types for comparison", true);
    }

    private static boolean ordered(JsonNode v) {
        return v.isNumber() || v.isTextual();
    }

    private static JsonNode comparable(JsonNode v) throws Functions.Failure {
        if (v.isArray() || v.isObject()) {
            throw new Functions.Failure("non-comparable type " + Values.format(v) + ": " + Values.type(v), true);
        }
        return v;
    }
}
