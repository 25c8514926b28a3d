// Floor: process start-up with the libraries iamlint links (the build links them
// with --no-as-needed so the loader maps and relocates each one).
int main() { return 0; }
