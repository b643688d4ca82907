package dev.firelane.worker.handlers.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which destinations the {@code http} handler may call. A comma list of rules; a URL is allowed when any
 * rule allows it:
 * <ul>
 *   <li>{@code public}: the host resolves only to public unicast addresses — not loopback, private
 *       (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 with the cloud metadata service,
 *       fe80::/10), carrier-grade NAT (100.64/10), unspecified, multicast or reserved ranges;</li>
 *   <li>{@code loopback}: the host resolves only to loopback addresses (127.0.0.0/8, ::1) — a receiver on the
 *       worker's own machine; {@code firelane dev} allows it by default;</li>
 *   <li>a CIDR, {@code 10.20.0.0/16} or {@code fd00::/8}: every address the host resolves to is in it;</li>
 *   <li>a URL prefix, {@code https://hooks.example.com/firelane/}: the URL starts with it;</li>
 *   <li>a host, {@code api.example.com}, or every host under a domain, {@code *.example.com};</li>
 *   <li>{@code *}: anything, internal addresses included.</li>
 * </ul>
 * The default is {@code public}. A refusal names the list and says how to change it ({@link #withRemedy}). Addresses are checked as the host resolves when the run starts; a DNS
 * answer that changes between the check and the connection (DNS rebinding) is not defeated, so name
 * internal hosts in no rule you do not mean, and filter the workers' egress where that matters.
 */
public final class AllowList {
    public static final String PUBLIC = "public";
    public static final String LOOPBACK = "loopback";
    public static final String ANY = "*";
    /** What a refusal tells to do when the list was made without {@link #withRemedy(String)}. */
    static final String DEFAULT_REMEDY = "set worker.http.allow to the rules the http handler may call";

    private final List<Rule> rules;
    private final String text;
    private final String remedy;

    private AllowList(List<Rule> rules, String text, String remedy) {
        this.rules = List.copyOf(rules);
        this.text = text;
        this.remedy = remedy;
    }

    /** The default: public destinations only. */
    public static AllowList publicOnly() {
        return parse(PUBLIC);
    }

    /**
     * Reads a comma list of rules.
     *
     * @throws IllegalArgumentException naming the first rule that cannot be read, or for an empty list
     */
    public static AllowList parse(String list) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : Objects.requireNonNull(list, "list").split(",")) {
            String rule = raw.trim();
            if (!rule.isEmpty()) {
                rules.add(rule(rule));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("the http allow-list is empty; use 'public' (the default), 'loopback', hosts,"
                    + " CIDRs, URL prefixes or '*'");
        }
        return new AllowList(rules, String.join(",", rules.stream().map(Rule::toString).toList()), DEFAULT_REMEDY);
    }

    /**
     * This list, with refusals that end in {@code remedy}: how to change the list where it was set — a
     * property in a file, an environment variable or a command-line option, depending on how the worker runs.
     */
    public AllowList withRemedy(String remedy) {
        if (remedy == null || remedy.isBlank()) {
            throw new IllegalArgumentException("the remedy of an http allow-list must say how to change it");
        }
        return new AllowList(rules, text, remedy.strip());
    }

    /**
     * Why {@code url} may not be called, or null when it may.
     *
     * @param resolver resolves the URL's host (the system resolver in production)
     */
    public String refusal(URI url, Resolver resolver) {
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return "URL " + url + " has no host";
        }
        Destination destination = new Destination(url, host.toLowerCase(Locale.ROOT), resolver);
        for (Rule rule : rules) {
            if (rule.allows(destination)) {
                return null;
            }
        }
        String addresses = destination.describeAddresses();
        return "destination " + host + (addresses.isEmpty() ? "" : " (" + addresses + ")")
                + " is not allowed by the http allow-list '" + text + "'; " + remedy;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Resolves a host name to its addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /** Whether {@code address} is a public unicast address. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        for (Cidr blocked : NOT_PUBLIC) {
            if (blocked.contains(address)) {
                return false;
            }
        }
        return true;
    }

    private static final List<Cidr> NOT_PUBLIC = List.of(Cidr.parse("0.0.0.0/8"), Cidr.parse("100.64.0.0/10"),
            Cidr.parse("192.0.0.0/24"), Cidr.parse("192.0.2.0/24"), Cidr.parse("198.18.0.0/15"),
            Cidr.parse("198.51.100.0/24"), Cidr.parse("203.0.113.0/24"), Cidr.parse("240.0.0.0/4"),
            Cidr.parse("fc00::/7"), Cidr.parse("2001:db8::/32"), Cidr.parse("64:ff9b::/96"));

    private static Rule rule(String rule) {
        String lower = rule.toLowerCase(Locale.ROOT);
        if (lower.equals(PUBLIC)) {
            return new Rule.Public();
        }
        if (lower.equals(LOOPBACK)) {
            return new Rule.Loopback();
        }
        if (lower.equals(ANY)) {
            return new Rule.Any();
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI prefix = URI.create(rule);
            if (prefix.getHost() == null) {
                throw new IllegalArgumentException("http allow rule '" + rule + "' is a URL without a host");
            }
            return new Rule.Prefix(lower);
        }
        if (rule.contains("/")) {
            return new Rule.Block(Cidr.parse(rule));
        }
        if (lower.startsWith("*.") && lower.length() > 2) {
            return new Rule.Domain(lower.substring(1));
        }
        if (!lower.matches("[a-z0-9.:\\[\\]-]+")) {
            throw new IllegalArgumentException("http allow rule '" + rule + "' is not public, loopback, *, a CIDR, a URL"
                    + " prefix or a host name");
        }
        return new Rule.Host(lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower);
    }

    /** A URL being checked; resolves its host once, when an address rule first asks. */
    private static final class Destination {
        private final URI url;
        private final String host;
        private final Resolver resolver;
        private InetAddress[] addresses;
        private boolean resolved;

        Destination(URI url, String host, Resolver resolver) {
            this.url = url;
            this.host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            this.resolver = resolver;
        }

        InetAddress[] addresses() {
            if (!resolved) {
                resolved = true;
                try {
                    addresses = resolver.resolve(host);
                } catch (UnknownHostException e) {
                    addresses = new InetAddress[0];
                }
            }
            return addresses;
        }

        /** Whether the host resolves, and only to addresses {@code allowed} accepts. */
        boolean resolvesOnlyTo(Predicate<InetAddress> allowed) {
            InetAddress[] all = addresses();
            return all.length > 0 && Arrays.stream(all).allMatch(allowed);
        }

        String describeAddresses() {
            if (!resolved) {
                return "";
            }
            if (addresses.length == 0) {
                return "does not resolve";
            }
            List<String> out = new ArrayList<>();
            for (InetAddress address : addresses) {
                out.add(address.getHostAddress());
            }
            return String.join(", ", out);
        }
    }

    private sealed interface Rule {
        boolean allows(Destination d);

        record Public() implements Rule {
            public boolean allows(Destination d) {
                return d.resolvesOnlyTo(AllowList::isPublic);
            }

            @Override
            public String toString() {
                return PUBLIC;
            }
        }

        record Loopback() implements Rule {
            public boolean allows(Destination d) {
                return d.resolvesOnlyTo(InetAddress::isLoopbackAddress);
            }

            @Override
            public String toString() {
                return LOOPBACK;
            }
        }

        record Any() implements Rule {
            public boolean allows(Destination d) {
                return true;
            }

            @Override
            public String toString() {
                return ANY;
            }
        }

        record Block(Cidr cidr) implements Rule {
            public boolean allows(Destination d) {
                return d.resolvesOnlyTo(cidr::contains);
            }

            @Override
            public String toString() {
                return cidr.toString();
            }
        }

        record Prefix(String prefix) implements Rule {
            public boolean allows(Destination d) {
                return d.url.toString().toLowerCase(Locale.ROOT).startsWith(prefix);
            }

            @Override
            public String toString() {
                return prefix;
            }
        }

        record Host(String host) implements Rule {
            public boolean allows(Destination d) {
                return d.host.equals(host);
            }

            @Override
            public String toString() {
                return host;
            }
        }

        record Domain(String suffix) implements Rule {
            public boolean allows(Destination d) {
                return d.host.endsWith(suffix);
            }

            @Override
            public String toString() {
                return "*" + suffix;
            }
        }
    }

    /** An address block. */
    record Cidr(byte[] network, int bits, String text) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                InetAddress address = InetAddress.getByName(literal(text.substring(0, slash)));
                int bits = Integer.parseInt(text.substring(slash + 1));
                int max = address.getAddress().length * 8;
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("http allow rule '" + text + "': prefix length must be 0.." + max);
                }
                return new Cidr(address.getAddress(), bits, text);
            } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("http allow rule '" + text + "' is not a CIDR such as 10.0.0.0/8", e);
            }
        }

        /** Only IP literals: a CIDR must never trigger a DNS lookup. */
        private static String literal(String address) throws UnknownHostException {
            if (!address.matches("[0-9a-fA-F.:]+")) {
                throw new UnknownHostException(address);
            }
            return address;
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if ((address instanceof Inet4Address) != (network.length == 4) || bytes.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c && c.text.equals(text);
        }

        @Override
        public int hashCode() {
            return text.hashCode();
        }
    }
}
