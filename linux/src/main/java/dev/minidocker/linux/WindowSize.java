package dev.minidocker.linux;

/** A terminal's size in character cells, as TIOCGWINSZ and TIOCSWINSZ carry it (pixel sizes left 0). */
public record WindowSize(int rows, int columns) {
    public WindowSize {
        if (rows < 0 || rows > 0xffff || columns < 0 || columns > 0xffff) {
            throw new IllegalArgumentException("window size " + rows + "x" + columns + " is out of range");
        }
    }

    @Override
    public String toString() {
        return rows + "x" + columns;
    }
}
