# Sourced by .ci/run, ./stack and bench/run: picks a JDK 21 or newer and exports JAVA_HOME (and MAVEN_OPTS on
# JDK 24+), and builds what a launcher needs when it is stale.
# JAVA_HOME wins when it is recent enough; otherwise the newest JDK found on PATH or in the usual folders.

java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 \
        | awk -F' = ' '/java.specification.version/ { split($2, v, "."); print (v[1] == 1 ? v[2] : v[1]); exit }'
}

jdk_candidates() {
    [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
    if command -v java >/dev/null 2>&1; then
        dirname "$(dirname "$(readlink -f "$(command -v java)")")"
    fi
    for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
               /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -x "$dir/bin/java" ] && echo "$dir"
    done
    return 0
}

# Sets JAVA_HOME and JDK_MAJOR, or prints why it cannot and returns 1.
pick_jdk() {
    local best="" best_major=0 home major
    while read -r home; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        major=$(java_major "$home") || continue
        [ -n "$major" ] || continue
        if [ "$home" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best=$home best_major=$major; break; fi
        if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best=$home best_major=$major; fi
    done < <(jdk_candidates)

    if [ -z "$best" ]; then
        echo "No JDK 21 or newer found (looked at JAVA_HOME, java on PATH and /usr/lib/jvm). Install one." >&2
        return 1
    fi
    export JAVA_HOME=$best
    JDK_MAJOR=$best_major
    if [ "$best_major" -ge 24 ]; then
        # Maven's bundled Guice still calls sun.misc.Unsafe; allow it quietly on JDK 24+.
        export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
    fi
}

# Packages MODULE and the modules it needs (./mvnw package -DskipTests) when one of the given outputs is missing or
# older than a pom.xml or a file under a module's src/.
build_when_stale() {
    local module=$1 output
    shift
    for output in "$@"; do
        if [ ! -f "$output" ] || [ -n "$(find pom.xml ./*/pom.xml ./*/src -type f -newer "$output" -print -quit)" ]; then
            echo "Building $module and what it needs (./mvnw package -DskipTests; the first time takes a few minutes)..."
            ./mvnw -B -ntp package -DskipTests -pl "$module" -am
            return
        fi
    done
}
