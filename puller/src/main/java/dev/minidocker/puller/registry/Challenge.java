package dev.minidocker.puller.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, e.g.
 * {@code Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:x:pull"}.
 *
 * @param scheme the scheme as sent ({@code Bearer}, {@code Basic}); compare it ignoring case
 * @param params the parameters, names lowercased
 */
public record Challenge(String scheme, Map<String, String> params) {
    public Challenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public boolean isBearer() {
        return scheme.equalsIgnoreCase("Bearer");
    }

    public boolean isBasic() {
        return scheme.equalsIgnoreCase("Basic");
    }

    /** A parameter by name, ignoring case. */
    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every challenge of these header values, in order; parameters before any scheme are dropped. */
    public static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> all = new ArrayList<>();
        for (String value : headerValues) {
            all.addAll(parse(value));
        }
        return all;
    }

    /**
     * Every challenge of one header value. Lenient: quoted values may hold commas and escaped quotes,
     * whitespace around {@code =} and commas is ignored, and a token68 or a stray token is skipped.
     */
    public static List<Challenge> parse(String header) {
        List<Challenge> challenges = new ArrayList<>();
        Parser p = new Parser(header);
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (p.skipSeparators()) {
            String token = p.token();
            if (token.isEmpty()) {
                p.pos++; // a character no rule takes, such as a stray quote: skip it
                continue;
            }
            p.skipSpaces();
            if (p.peek() == '=' && scheme != null) {
                p.pos++;
                p.skipSpaces();
                String value = p.peek() == '"' ? p.quoted() : p.token();
                while (p.peek() == '=') {
                    p.pos++; // the padding of a token68 ("Basic dXNlcg==")
                }
                params.put(token.toLowerCase(Locale.ROOT), value);
            } else if (p.peek() != '=') {
                if (scheme != null) {
                    challenges.add(new Challenge(scheme, params));
                }
                scheme = token;
                params = new LinkedHashMap<>();
            } else {
                p.pos++; // a parameter before any scheme: skip its value
                p.skipSpaces();
                if (p.peek() == '"') {
                    p.quoted();
                } else {
                    p.token();
                }
            }
        }
        if (scheme != null) {
            challenges.add(new Challenge(scheme, params));
        }
        return challenges;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s == null ? "" : s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        /** Skips spaces and commas; false at the end. */
        boolean skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ',' || Character.isWhitespace(s.charAt(pos)))) {
                pos++;
            }
            return pos < s.length();
        }

        void skipSpaces() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        String token() {
            int start = pos;
            while (pos < s.length() && !isDelimiter(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        /** A quoted string from the opening quote; an unterminated one runs to the end. */
        String quoted() {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            return value.toString();
        }

        private static boolean isDelimiter(char c) {
            return c == '=' || c == ',' || c == '"' || Character.isWhitespace(c);
        }
    }
}
