/* layout.text._breaker: the compiled inner loop of the line breaker (layout/text/linebreak.py).

Contract: the same results as the pure-Python reference in linebreak.py, bit for bit: the
prefix sums (`Sums`, as linebreak._prefix_sums), one total-fit pass (`total_fit`, as
linebreak._total_fit: the tolerance, the line bonus, loose lines by linebreak._Spread,
`ends`, squeezed marks, overfull lines, discretionary tails and ragged stretch, the counts),
first-fit (`first_fit`, as linebreak._first_fit) and `squeezed_marks`. Every floating-point
operation is done in the order the Python code does it, on C doubles (which Python floats
are); the module is compiled with
-ffp-contract=off so that no multiply-add is fused, and Python's float floor division and
its errors (division by zero, int() of NaN or infinity) are reproduced. Python keeps the
reference: linebreak.py uses this module when it imports, and its own code otherwise.

The items are read as they are: the named tuples Box, Glue and Discretionary of
layout/text/items.py, by index (their classes are passed in by the caller, so that this file
holds no state of its own). The pass returns plain data (breaks as (position, overfull)
pairs, the demerits, the counts, the ends as (lines, demerits)) that linebreak.py turns into
its records. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>

/* The constants of linebreak.py (tests/text/test_linebreak_compiled.py checks they agree). */
#define EPSILON 1e-6
#define SHRINK_WEIGHT 0.5
#define LINE_PENALTY 10.0
#define OVERFULL_DEMERITS 1e20
#define MAX_STRETCH_BADNESS 1e7
#define UNJUSTIFIABLE_BADNESS 1e8
#define SQUEEZE_BADNESS 1000.0
#define SPREAD_RATIO 1.0
#define DROP (-1.0)
#define SKIP (-2.0)
enum { FITS = 0, LOOSE = 1, LOOSE_ON = 2 };

/* Glue's and Discretionary's fields, by index (items.py). */
enum { GLUE_WIDTH = 0, GLUE_STRETCH = 1, GLUE_SHRINK = 2, GLUE_SHRINK_STEP = 4,
       GLUE_PENALTY = 5, GLUE_FIELDS = 6 };
enum { DISC_BREAK_WIDTH = 0, DISC_PENALTY = 2, DISC_RAGGED = 3, DISC_FIELDS = 4 };

/* ---- Sums: the prefix sums over a paragraph's items (linebreak._Sums) ---------------- */

typedef struct {
    PyObject_HEAD
    Py_ssize_t n;          /* items */
    Py_ssize_t count;      /* breakpoints */
    double *width, *stretch, *shrink, *whole;   /* n + 1 each: over items[:k] */
    Py_ssize_t *marks, *next_box;               /* n + 1 each */
    Py_ssize_t *points;    /* count: the breakpoints' item indices, ascending */
    double *penalty, *tail, *ragged;            /* count: each breakpoint's */
    /* First-fit's candidates, as linebreak._first_fit finds them: a Discretionary (its
       penalty read as 0.0), or any Glue with a penalty — a subclass of Glue too, which the
       sums count as a box (linebreak reads `isinstance` there, the exact class here). */
    Py_ssize_t candidates;
    Py_ssize_t *candidate;
    double *candidate_penalty, *candidate_tail, *candidate_ragged;
    void *block;           /* the one allocation all the arrays live in */
} SumsObject;

static PyTypeObject SumsType;

static void
sums_dealloc(SumsObject *self)
{
    PyMem_Free(self->block);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* A number as a double, or a TypeError naming the item and its field. */
static int
as_double(PyObject *value, Py_ssize_t k, const char *field, double *out)
{
    double d = PyFloat_AsDouble(value);
    if (d == -1.0 && PyErr_Occurred()) {
        PyErr_Format(PyExc_TypeError, "item %zd: %s must be a number, not %.100s", k, field,
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    *out = d;
    return 0;
}

/* The width of an item that is neither Glue nor Discretionary (linebreak reads it as a
   box: `item.width`), or a TypeError. */
static int
box_width(PyObject *item, PyTypeObject *box, Py_ssize_t k, double *out)
{
    PyObject *value;
    if (Py_TYPE(item) == box && PyTuple_GET_SIZE(item) >= 1) {
        return as_double(PyTuple_GET_ITEM(item, 0), k, "Box.width", out);
    }
    value = PyObject_GetAttrString(item, "width");
    if (value == NULL) {
        if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
            PyErr_Format(PyExc_TypeError,
                         "item %zd is a %.100s, not a Box, Glue or Discretionary", k,
                         Py_TYPE(item)->tp_name);
        }
        return -1;
    }
    int done = as_double(value, k, "width", out);
    Py_DECREF(value);
    return done;
}

/* A subclass of Glue (a box to the sums): a first-fit candidate if it has a penalty.
   1 if it is one, 0 if not, -1 on an error. */
static int
glue_candidate(SumsObject *s, PyObject *item, Py_ssize_t k, Py_ssize_t at)
{
    PyObject *penalty = PyObject_GetAttrString(item, "penalty");
    if (penalty == NULL)
        return -1;
    int found = penalty != Py_None;
    if (found && as_double(penalty, k, "Glue.penalty", &s->candidate_penalty[at]) < 0)
        found = -1;
    Py_DECREF(penalty);
    if (found == 1) {
        s->candidate[at] = k;
        s->candidate_tail[at] = 0.0;
        s->candidate_ragged[at] = 0.0;
    }
    return found;
}

static int
sums_fill(SumsObject *s, PyObject *seq, PyTypeObject *box, PyTypeObject *glue,
          PyTypeObject *disc, PyObject *whole_steps)
{
    Py_ssize_t n = s->n, k, count = 0, candidates = 0;
    PyObject **items = PySequence_Fast_ITEMS(seq);
    char *is_box = PyMem_Malloc(n ? n : 1);
    if (is_box == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    /* Each item's own values go into slot k + 1; the sums are then taken in place. */
    s->width[0] = s->stretch[0] = s->shrink[0] = s->whole[0] = 0.0;
    s->marks[0] = 0;
    for (k = 0; k < n; k++) {
        PyObject *item = items[k];
        double w = 0.0, y = 0.0, z = 0.0, m = 0.0, give;
        Py_ssize_t mark = 0;
        is_box[k] = 0;
        if (Py_TYPE(item) == glue) {
            if (PyTuple_GET_SIZE(item) != GLUE_FIELDS) {
                PyErr_Format(PyExc_TypeError, "item %zd: a Glue of %zd fields", k,
                             PyTuple_GET_SIZE(item));
                goto error;
            }
            if (as_double(PyTuple_GET_ITEM(item, GLUE_WIDTH), k, "Glue.width", &w) < 0
                || as_double(PyTuple_GET_ITEM(item, GLUE_STRETCH), k, "Glue.stretch", &y) < 0
                || as_double(PyTuple_GET_ITEM(item, GLUE_SHRINK), k, "Glue.shrink", &give) < 0)
                goto error;
            int whole = PySet_Contains(whole_steps, PyTuple_GET_ITEM(item, GLUE_SHRINK_STEP));
            if (whole < 0)
                goto error;
            if (whole) {
                m = give;
                mark = 1;
            }
            else {
                z = give;
            }
            PyObject *penalty = PyTuple_GET_ITEM(item, GLUE_PENALTY);
            if (penalty != Py_None) {
                if (as_double(penalty, k, "Glue.penalty", &s->penalty[count]) < 0)
                    goto error;
                s->points[count] = k;
                s->tail[count] = 0.0;
                s->ragged[count] = 0.0;
                s->candidate[candidates] = k;
                s->candidate_penalty[candidates] = s->penalty[count];
                s->candidate_tail[candidates] = 0.0;
                s->candidate_ragged[candidates] = 0.0;
                count++;
                candidates++;
            }
        }
        else if (Py_TYPE(item) == disc) {
            double tail, ragged;
            if (PyTuple_GET_SIZE(item) != DISC_FIELDS) {
                PyErr_Format(PyExc_TypeError, "item %zd: a Discretionary of %zd fields", k,
                             PyTuple_GET_SIZE(item));
                goto error;
            }
            if (as_double(PyTuple_GET_ITEM(item, DISC_BREAK_WIDTH), k,
                          "Discretionary.break_width", &tail) < 0
                || as_double(PyTuple_GET_ITEM(item, DISC_PENALTY), k, "Discretionary.penalty",
                             &s->penalty[count]) < 0
                || as_double(PyTuple_GET_ITEM(item, DISC_RAGGED), k, "Discretionary.ragged",
                             &ragged) < 0)
                goto error;
            /* (linebreak keeps only the non-zero ones: `if item.break_width:`; a zero it
               does not keep reads as 0.0, so -0.0 reads as 0.0 too) */
            s->points[count] = k;
            s->tail[count] = tail != 0.0 ? tail : 0.0;
            s->ragged[count] = ragged != 0.0 ? ragged : 0.0;
            s->candidate[candidates] = k;
            s->candidate_penalty[candidates] = 0.0;
            s->candidate_tail[candidates] = s->tail[count];
            s->candidate_ragged[candidates] = s->ragged[count];
            count++;
            candidates++;
        }
        else {
            if (box_width(item, box, k, &w) < 0)
                goto error;
            is_box[k] = 1;
            if (Py_TYPE(item) != box && PyObject_TypeCheck(item, glue)) {
                int found = glue_candidate(s, item, k, candidates);
                if (found < 0)
                    goto error;
                candidates += found;
            }
        }
        s->width[k + 1] = w;
        s->stretch[k + 1] = y;
        s->shrink[k + 1] = z;
        s->whole[k + 1] = m;
        s->marks[k + 1] = mark;
    }
    /* As itertools.accumulate after a leading 0.0: sums[1] is the first item's own value
       (not 0.0 + it), then each sum adds the next item's. */
    for (k = 2; k <= n; k++) {
        s->width[k] = s->width[k - 1] + s->width[k];
        s->stretch[k] = s->stretch[k - 1] + s->stretch[k];
        s->shrink[k] = s->shrink[k - 1] + s->shrink[k];
        s->whole[k] = s->whole[k - 1] + s->whole[k];
        s->marks[k] = s->marks[k - 1] + s->marks[k];
    }
    Py_ssize_t following = n;
    s->next_box[n] = n;
    for (k = n - 1; k >= 0; k--) {
        if (is_box[k])
            following = k;
        s->next_box[k] = following;
    }
    s->count = count;
    s->candidates = candidates;
    PyMem_Free(is_box);
    return 0;
error:
    PyMem_Free(is_box);
    return -1;
}

static PyObject *
sums_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *keywords[] = {"items", "box", "glue", "discretionary", "whole_steps", NULL};
    PyObject *items, *box, *glue, *disc, *whole_steps, *seq;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO!O!O!O!:Sums", keywords, &items,
                                     &PyType_Type, &box, &PyType_Type, &glue, &PyType_Type,
                                     &disc, &PyFrozenSet_Type, &whole_steps))
        return NULL;
    seq = PySequence_Fast(items, "Sums: the items must be a sequence");
    if (seq == NULL)
        return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    SumsObject *s = (SumsObject *)type->tp_alloc(type, 0);
    if (s == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    s->n = n;
    /* doubles: 4 × (n + 1) sums, 3 × n per breakpoint, 3 × n per candidate; Py_ssize_t:
       2 × (n + 1), n points, n candidates */
    size_t doubles = 4 * (size_t)(n + 1) + 6 * (size_t)n;
    size_t indices = 2 * (size_t)(n + 1) + 2 * (size_t)n;
    s->block = PyMem_Malloc(doubles * sizeof(double) + indices * sizeof(Py_ssize_t));
    if (s->block == NULL) {
        Py_DECREF(seq);
        Py_DECREF(s);
        return PyErr_NoMemory();
    }
    double *d = s->block;
    s->width = d;
    s->stretch = d + (n + 1);
    s->shrink = d + 2 * (n + 1);
    s->whole = d + 3 * (n + 1);
    s->penalty = d + 4 * (n + 1);
    s->tail = s->penalty + n;
    s->ragged = s->tail + n;
    s->candidate_penalty = s->ragged + n;
    s->candidate_tail = s->candidate_penalty + n;
    s->candidate_ragged = s->candidate_tail + n;
    Py_ssize_t *i = (Py_ssize_t *)(d + doubles);
    s->marks = i;
    s->next_box = i + (n + 1);
    s->points = i + 2 * (n + 1);
    s->candidate = s->points + n;
    int done = sums_fill(s, seq, (PyTypeObject *)box, (PyTypeObject *)glue,
                         (PyTypeObject *)disc, whole_steps);
    Py_DECREF(seq);
    if (done < 0) {
        Py_DECREF(s);
        return NULL;
    }
    return (PyObject *)s;
}

static PyObject *
double_list(const double *values, Py_ssize_t count)
{
    PyObject *list = PyList_New(count);
    for (Py_ssize_t k = 0; list != NULL && k < count; k++) {
        PyObject *value = PyFloat_FromDouble(values[k]);
        if (value == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, k, value);
    }
    return list;
}

static PyObject *
index_list(const Py_ssize_t *values, Py_ssize_t count)
{
    PyObject *list = PyList_New(count);
    for (Py_ssize_t k = 0; list != NULL && k < count; k++) {
        PyObject *value = PyLong_FromSsize_t(values[k]);
        if (value == NULL) {
            Py_CLEAR(list);
            break;
        }
        PyList_SET_ITEM(list, k, value);
    }
    return list;
}

/* The breakpoints' tails or ragged stretch as linebreak keeps them: a dict of the non-zero. */
static PyObject *
nonzero_dict(const SumsObject *s, const double *values)
{
    PyObject *dict = PyDict_New();
    for (Py_ssize_t p = 0; dict != NULL && p < s->count; p++) {
        if (values[p] == 0.0)
            continue;
        PyObject *key = PyLong_FromSsize_t(s->points[p]);
        PyObject *value = PyFloat_FromDouble(values[p]);
        if (key == NULL || value == NULL || PyDict_SetItem(dict, key, value) < 0)
            Py_CLEAR(dict);
        Py_XDECREF(key);
        Py_XDECREF(value);
    }
    return dict;
}

static PyObject *
sums_lists(SumsObject *s, PyObject *Py_UNUSED(ignored))
{
    Py_ssize_t n = s->n;
    return Py_BuildValue("(NNNNNNNNN)", double_list(s->width, n + 1),
                         double_list(s->stretch, n + 1), double_list(s->shrink, n + 1),
                         double_list(s->whole, n + 1), index_list(s->marks, n + 1),
                         index_list(s->next_box, n + 1), index_list(s->points, s->count),
                         nonzero_dict(s, s->tail), nonzero_dict(s, s->ragged));
}

static PyMethodDef sums_methods[] = {
    {"lists", (PyCFunction)sums_lists, METH_NOARGS,
     "The sums as linebreak._Sums holds them: (width, stretch, shrink, whole, marks, "
     "next_box, breakpoints, tails, ragged)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject SumsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "layout.text._breaker.Sums",
    .tp_basicsize = sizeof(SumsObject),
    .tp_dealloc = (destructor)sums_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Sums(items, box, glue, discretionary, whole_steps): the prefix sums over a "
              "paragraph's items (linebreak._prefix_sums), for total_fit.",
    .tp_methods = sums_methods,
    .tp_new = sums_new,
};

/* ---- Python's float arithmetic where it is more than the C operator --------------------- */

static int
division_by_zero(void)
{
    PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
    return -1;
}

/* vx // wx for floats, wx != 0: CPython's float_floor_div (_float_div_mod). */
static double
floor_div(double vx, double wx)
{
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    double floordiv;
    if (mod) {
        if ((wx < 0) != (mod < 0))
            div -= 1.0;
    }
    if (div) {
        floordiv = floor(div);
        if (div - floordiv > 0.5)
            floordiv += 1.0;
    }
    else {
        floordiv = copysign(0.0, vx / wx);
    }
    return floordiv;
}

/* linebreak.squeezed_marks, as a double holding the int it returns. */
static int
squeezed_count(double excess, double whole, Py_ssize_t marks, double *out)
{
    if (excess <= EPSILON || marks == 0) {
        *out = 0.0;
        return 0;
    }
    double quantum = whole / (double)marks;
    if (quantum == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float floor division by zero");
        return -1;
    }
    double q = floor_div(-(excess - EPSILON), quantum);
    if (isnan(q)) {
        PyErr_SetString(PyExc_ValueError, "cannot convert float NaN to integer");
        return -1;
    }
    if (isinf(q)) {
        PyErr_SetString(PyExc_OverflowError, "cannot convert float infinity to integer");
        return -1;
    }
    double count = -q + 0.0; /* -int(q): an int has no negative zero */
    *out = count < (double)marks ? count : (double)marks; /* min(marks, count) */
    return 0;
}

/* linebreak._squeezed_badness: 1 with *out set, 0 for None, -1 on an error. */
static int
squeezed_badness(double natural, double measure, double shrink, double stretch, double whole,
                 Py_ssize_t marks, double *out)
{
    double excess = natural - shrink - measure, count, rest, ratio;
    if (excess > whole + EPSILON)
        return 0;
    if (squeezed_count(excess, whole, marks, &count) < 0)
        return -1;
    if (marks == 0)
        return division_by_zero();
    double width = natural - count * whole / (double)marks;
    if (fabs(width - measure) <= EPSILON) {
        rest = 0.0;
    }
    else if (width > measure) {
        if (shrink == 0.0)
            return division_by_zero();
        ratio = (width - measure) / shrink;
        rest = SHRINK_WEIGHT * 100.0 * ratio * ratio * ratio;
    }
    else if (stretch > EPSILON) {
        ratio = (measure - width) / stretch;
        rest = 100.0 * ratio * ratio * ratio;
        if (MAX_STRETCH_BADNESS < rest) /* min(rest, MAX) */
            rest = MAX_STRETCH_BADNESS;
    }
    else {
        rest = UNJUSTIFIABLE_BADNESS;
    }
    *out = SQUEEZE_BADNESS * count + rest;
    return 1;
}

/* linebreak._too_long: 0 with *out set (DROP, SKIP or a badness), -1 on an error. */
static int
too_long(double natural, double tail, double measure, double shrink, double stretch,
         double squeezable, Py_ssize_t marks, double *out)
{
    if (squeezable != 0.0) {
        int found = squeezed_badness(natural, measure, shrink, stretch, squeezable, marks, out);
        if (found != 0)
            return found < 0 ? -1 : 0;
    }
    *out = natural - tail - shrink - squeezable > measure + EPSILON ? DROP : SKIP;
    return 0;
}

/* ---- Spread: linebreak._Spread, read from the Python record -------------------------- */

typedef struct {
    double *limited;
    Py_ssize_t *inter, *words;
    double limit, word_limit;
    void *block;
} Spread;

static int
spread_read(PyObject *record, Py_ssize_t n, Spread *out)
{
    static const char *names[] = {"limited", "inter", "words"};
    PyObject *lists[3] = {NULL, NULL, NULL}, *limit;
    int done = -1;
    out->block = NULL;
    limit = PyObject_GetAttrString(record, "limit");
    if (limit == NULL)
        return -1;
    out->limit = PyFloat_AsDouble(limit);
    Py_DECREF(limit);
    if (out->limit == -1.0 && PyErr_Occurred())
        return -1;
    PyObject *word_limit = PyObject_GetAttrString(record, "word_limit");
    if (word_limit == NULL)
        return -1;
    out->word_limit = PyFloat_AsDouble(word_limit);
    Py_DECREF(word_limit);
    if (out->word_limit == -1.0 && PyErr_Occurred())
        return -1;
    for (int j = 0; j < 3; j++) {
        PyObject *value = PyObject_GetAttrString(record, names[j]);
        if (value == NULL)
            goto end;
        lists[j] = PySequence_Fast(value, "spread: its sums must be sequences");
        Py_DECREF(value);
        if (lists[j] == NULL)
            goto end;
        if (PySequence_Fast_GET_SIZE(lists[j]) != n + 1) {
            PyErr_Format(PyExc_ValueError, "spread.%s: %zd sums for %zd items", names[j],
                         PySequence_Fast_GET_SIZE(lists[j]), n);
            goto end;
        }
    }
    out->block = PyMem_Malloc((size_t)(n + 1) * (sizeof(double) + 2 * sizeof(Py_ssize_t)));
    if (out->block == NULL) {
        PyErr_NoMemory();
        goto end;
    }
    out->limited = out->block;
    out->inter = (Py_ssize_t *)(out->limited + (n + 1));
    out->words = out->inter + (n + 1);
    for (Py_ssize_t k = 0; k <= n; k++) {
        out->limited[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(lists[0], k));
        out->inter[k] = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(lists[1], k));
        out->words[k] = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(lists[2], k));
        if (PyErr_Occurred())
            goto end;
    }
    done = 0;
end:
    for (int j = 0; j < 3; j++)
        Py_XDECREF(lists[j]);
    if (done < 0) {
        PyMem_Free(out->block);
        out->block = NULL;
    }
    return done;
}

/* _Spread.loose */
static int
spread_loose(const Spread *s, Py_ssize_t start, Py_ssize_t end, double gap)
{
    double rest = gap - (s->limited[end] - s->limited[start]);
    Py_ssize_t gaps = s->inter[end] - s->inter[start];
    Py_ssize_t words = s->words[end] - s->words[start];
    if (!gaps && words) /* the word spaces take it all, past their stretch */
        return rest / (double)words <= s->word_limit ? FITS : LOOSE;
    if (rest <= s->limit)
        return FITS;
    if (gaps && rest / (double)gaps <= s->limit)
        return FITS;
    return words ? LOOSE : LOOSE_ON;
}

/* ---- total_fit: one Knuth–Plass pass (linebreak._total_fit) -------------------------- */

typedef struct {
    Py_ssize_t position, start, previous, lines; /* previous: an index, -1 for none */
    double demerits, overfull;
} Node;

/* An end of the paragraph (linebreak._Counted.ends): (lines, demerits). */
static int
add_end(PyObject *ends, Py_ssize_t lines, double demerits)
{
    PyObject *end = Py_BuildValue("(nd)", lines, demerits);
    if (end == NULL)
        return -1;
    int done = PyList_Append(ends, end);
    Py_DECREF(end);
    return done;
}

/* The breaks up to `final` as a list of (position, overfull), and the worst line. */
static PyObject *
unwind(const Node *nodes, Py_ssize_t final, double *worst)
{
    Py_ssize_t lines = nodes[final].lines, current = final;
    PyObject *breaks = PyList_New(lines);
    *worst = 0.0;
    if (breaks == NULL)
        return NULL;
    while (current >= 0 && nodes[current].position >= 0) {
        const Node *node = &nodes[current];
        double before = node->previous >= 0 ? nodes[node->previous].demerits : 0.0;
        double line = node->demerits - before;
        if (line > *worst) /* max(worst, line) */
            *worst = line;
        PyObject *pair = Py_BuildValue("(nd)", node->position, node->overfull);
        if (pair == NULL) {
            Py_DECREF(breaks);
            return NULL;
        }
        PyList_SET_ITEM(breaks, --lines, pair);
        current = node->previous;
    }
    return breaks;
}

static PyObject *
total_fit(PyObject *module, PyObject *args)
{
    SumsObject *s;
    PyObject *tolerance_arg, *spread_arg, *ends = NULL, *result = NULL;
    double measure, bonus, tolerance = 0.0;
    int want_ends;
    Spread spread = {NULL, NULL, NULL, 0.0, 0.0, NULL};
    Node *nodes = NULL;
    if (!PyArg_ParseTuple(args, "O!dOdOp:total_fit", &SumsType, &s, &measure, &tolerance_arg,
                          &bonus, &spread_arg, &want_ends))
        return NULL;
    int squeeze = tolerance_arg == Py_None;
    if (!squeeze) {
        tolerance = PyFloat_AsDouble(tolerance_arg);
        if (tolerance == -1.0 && PyErr_Occurred())
            return NULL;
    }
    int spreading = spread_arg != Py_None;
    if (spreading && spread_read(spread_arg, s->n, &spread) < 0)
        return NULL;
    if (want_ends && (ends = PyList_New(0)) == NULL)
        goto end;
    nodes = PyMem_Malloc((size_t)(s->count + 2) * sizeof(Node));
    if (nodes == NULL) {
        PyErr_NoMemory();
        goto end;
    }

    const Py_ssize_t n = s->n;
    const double *width = s->width, *stretch = s->stretch, *shrink = s->shrink;
    const double *whole = s->whole;
    const Py_ssize_t *marks = s->marks, *next_box = s->next_box;
    double most = squeeze ? Py_HUGE_VAL : tolerance; /* the loosest line tried */
    if (spreading)
        most = SPREAD_RATIO;
    const double limit = measure + EPSILON;
    nodes[0] = (Node){-1, next_box[0], -1, 0, 0.0, 0.0};
    Py_ssize_t active = 1, live = 0, final = -1;
    long long evaluations = 0;

    for (Py_ssize_t p = 0; p <= s->count; p++) {
        const int is_end = p == s->count;
        const Py_ssize_t b = is_end ? n : s->points[p];
        const double penalty = is_end ? 0.0 : s->penalty[p];
        const double penalty_demerits = penalty * penalty;
        const double tail = is_end ? 0.0 : s->tail[p];
        const double ragged = is_end ? 0.0 : s->ragged[p];
        const double wb = width[b] + tail, yb = stretch[b], zb = shrink[b], mb = whole[b];
        Py_ssize_t best = -1, dropped = -1;
        double best_demerits = Py_HUGE_VAL;
        const Py_ssize_t first = live;
        Py_ssize_t top = active;
        for (Py_ssize_t k = first; k < top; k++) {
            const Node *node = &nodes[k];
            const Py_ssize_t start = node->start;
            double bad, ratio, line_stretch;
            if (start >= b)
                continue;
            const double natural = wb - width[start];
            if (natural > limit) {
                const double line_shrink = zb - shrink[start];
                if (natural - line_shrink > limit) {
                    if (!squeeze && natural - tail - line_shrink > limit) {
                        dropped = k;
                        live = k + 1;
                        continue;
                    }
                    const double squeezable = squeeze ? mb - whole[start] : 0.0;
                    line_stretch = yb - stretch[start];
                    if (line_stretch == 0.0) /* `or ragged` */
                        line_stretch = ragged;
                    if (too_long(natural, tail, measure, line_shrink, line_stretch, squeezable,
                                 marks[b] - marks[start], &bad) < 0)
                        goto end;
                    if (bad < 0.0) {
                        if (bad == DROP) {
                            dropped = k;
                            live = k + 1;
                        }
                        continue;
                    }
                }
                else {
                    if (line_shrink == 0.0) {
                        division_by_zero();
                        goto end;
                    }
                    ratio = (natural - measure) / line_shrink;
                    bad = SHRINK_WEIGHT * 100.0 * ratio * ratio * ratio;
                }
            }
            else if (is_end || measure - natural <= EPSILON) {
                bad = 0.0;
            }
            else {
                line_stretch = yb - stretch[start];
                if (line_stretch == 0.0)
                    line_stretch = ragged;
                ratio = line_stretch > EPSILON ? (measure - natural) / line_stretch
                                               : Py_HUGE_VAL;
                if (ratio > most) {
                    if (!spreading) {
                        top = k + 1;
                        break;
                    }
                    const int verdict = spread_loose(&spread, start, b, measure - natural);
                    if (verdict == LOOSE_ON) {
                        top = k + 1;
                        break;
                    }
                    if (verdict == LOOSE)
                        continue;
                }
                if (ratio < Py_HUGE_VAL) {
                    bad = 100.0 * ratio * ratio * ratio;
                    if (bad > MAX_STRETCH_BADNESS)
                        bad = MAX_STRETCH_BADNESS;
                }
                else {
                    if (measure == 0.0) {
                        division_by_zero();
                        goto end;
                    }
                    bad = UNJUSTIFIABLE_BADNESS * (1.0 + (measure - natural) / measure);
                }
            }
            const double line = LINE_PENALTY + bad;
            const double demerits = node->demerits + line * line + penalty_demerits + bonus;
            if (demerits < best_demerits) {
                best = k;
                best_demerits = demerits;
            }
            if (is_end && ends != NULL && add_end(ends, node->lines + 1, demerits) < 0)
                goto end;
        }
        evaluations += top - first;
        const Py_ssize_t after = is_end ? n : next_box[b + 1];
        Py_ssize_t made = -1;
        if (best >= 0) {
            nodes[active] = (Node){b, after, best, nodes[best].lines + 1, best_demerits, 0.0};
            made = active++;
        }
        else if (live == active && dropped >= 0 && squeeze) {
            /* linebreak._overfull: nothing fits; the line is set overfull, and reported */
            const Node *from = &nodes[dropped];
            const Py_ssize_t start = from->start;
            const double least = wb - width[start] - (shrink[b] - shrink[start])
                                 - (whole[b] - whole[start]);
            nodes[active] = (Node){b, after, dropped, from->lines + 1,
                                   from->demerits + OVERFULL_DEMERITS, least - measure};
            made = active++;
        }
        if (is_end)
            final = made;
    }

    PyObject *found;
    if (final < 0) {
        found = Py_NewRef(Py_None);
    }
    else {
        double worst;
        PyObject *breaks = unwind(nodes, final, &worst);
        if (breaks == NULL)
            goto end;
        found = Py_BuildValue("(Ndd)", breaks, nodes[final].demerits, worst);
        if (found == NULL)
            goto end;
    }
    result = Py_BuildValue("(NnLO)", found, s->count + 1, evaluations,
                           ends != NULL ? ends : Py_None);
end:
    Py_XDECREF(ends);
    PyMem_Free(nodes);
    PyMem_Free(spread.block);
    return result;
}

/* ---- first_fit: line by line (linebreak._first_fit) ---------------------------------- */

#define LOOSE_RATIO 2.0

/* _FirstFitChoice: the furthest break of one kind, and the furthest with no penalty. */
typedef struct {
    Py_ssize_t furthest, free; /* -1: None */
} Choice;

static void
choice_take(Choice *c, Py_ssize_t position, double penalty)
{
    c->furthest = position;
    if (penalty <= 0)
        c->free = position;
}

static Py_ssize_t
choice_best(const Choice *c)
{
    return c->free >= 0 ? c->free : c->furthest;
}

/* linebreak._stretch_ratio; `at` the candidate ending the line (s->candidates: the end). */
static double
stretch_ratio(const SumsObject *s, Py_ssize_t start, Py_ssize_t at, double measure)
{
    Py_ssize_t end = at < s->candidates ? s->candidate[at] : s->n;
    double tail = at < s->candidates ? s->candidate_tail[at] : 0.0;
    double gap = measure - (s->width[end] - s->width[start] + tail);
    if (gap <= EPSILON)
        return 0.0;
    double stretch = s->stretch[end] - s->stretch[start];
    if (stretch == 0.0) /* `or ragged.get(end, 0.0)` */
        stretch = at < s->candidates ? s->candidate_ragged[at] : 0.0;
    return stretch > EPSILON ? gap / stretch : Py_HUGE_VAL;
}

static int
add_break(PyObject *breaks, Py_ssize_t position, double overfull)
{
    PyObject *pair = Py_BuildValue("(nd)", position, overfull);
    if (pair == NULL)
        return -1;
    int done = PyList_Append(breaks, pair);
    Py_DECREF(pair);
    return done;
}

static PyObject *
first_fit(PyObject *module, PyObject *args)
{
    SumsObject *s;
    double measure;
    if (!PyArg_ParseTuple(args, "O!d:first_fit", &SumsType, &s, &measure))
        return NULL;
    const Py_ssize_t n = s->n, count = s->candidates;
    const double *width = s->width, *shrink = s->shrink, *whole = s->whole;
    PyObject *breaks = PyList_New(0);
    if (breaks == NULL)
        return NULL;
    Py_ssize_t start = s->next_box[0], from = 0; /* from: the first candidate after start */
    while (start < n) {
        Choice plain = {-1, -1}, squeezed = {-1, -1}; /* (candidate numbers, count: the end) */
        Py_ssize_t first_candidate = -1;
        while (from < count && s->candidate[from] <= start)
            from++;
        for (Py_ssize_t at = from; at <= count; at++) {
            const Py_ssize_t b = at < count ? s->candidate[at] : n;
            if (first_candidate < 0)
                first_candidate = at;
            const double penalty = at < count ? s->candidate_penalty[at] : 0.0;
            const double tail = at < count ? s->candidate_tail[at] : 0.0;
            const double rest = width[b] - width[start] - (shrink[b] - shrink[start]) - measure;
            const double squeezable = whole[b] - whole[start];
            if (rest + tail <= EPSILON)
                choice_take(&plain, at, penalty);
            else if (rest + tail - squeezable <= EPSILON)
                choice_take(&squeezed, at, penalty);
            else if (rest - squeezable > EPSILON)
                break;
        }
        Py_ssize_t chosen = choice_best(&plain);
        if (chosen != count && choice_best(&squeezed) >= 0) {
            if (chosen < 0 || stretch_ratio(s, start, chosen, measure) > LOOSE_RATIO)
                chosen = choice_best(&squeezed);
        }
        Py_ssize_t position;
        if (chosen < 0) {
            /* nothing fits: the first candidate, overfull */
            position = first_candidate < count ? s->candidate[first_candidate] : n;
            double tail = first_candidate < count ? s->candidate_tail[first_candidate] : 0.0;
            double over = width[position] + tail - width[start] - measure;
            if (add_break(breaks, position, 0.0 > over ? 0.0 : over) < 0) /* max(over, 0.0) */
                goto error;
        }
        else {
            position = chosen < count ? s->candidate[chosen] : n;
            if (add_break(breaks, position, 0.0) < 0)
                goto error;
        }
        if (position >= n)
            break;
        start = s->next_box[position + 1];
    }
    return breaks;
error:
    Py_DECREF(breaks);
    return NULL;
}

static PyObject *
squeezed_marks(PyObject *module, PyObject *args)
{
    double excess, whole, count;
    Py_ssize_t marks;
    if (!PyArg_ParseTuple(args, "ddn:squeezed_marks", &excess, &whole, &marks))
        return NULL;
    if (squeezed_count(excess, whole, marks, &count) < 0)
        return NULL;
    return PyLong_FromDouble(count);
}

static PyMethodDef module_methods[] = {
    {"total_fit", total_fit, METH_VARARGS,
     "total_fit(sums, measure, tolerance, line_bonus, spread, ends) -> (found, breakpoints, "
     "evaluations, ends): one total-fit pass (linebreak._total_fit). found is None or "
     "(breaks as [(position, overfull)], demerits, worst line); ends None or "
     "[(lines, demerits)]."},
    {"first_fit", first_fit, METH_VARARGS,
     "first_fit(sums, measure) -> [(position, overfull)]: linebreak._first_fit."},
    {"squeezed_marks", squeezed_marks, METH_VARARGS,
     "squeezed_marks(excess, whole, marks) -> int: linebreak.squeezed_marks."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "layout.text._breaker",
    .m_doc = "The compiled inner loop of layout.text.linebreak (prefix sums and the "
             "total-fit pass), identical in results to its Python reference.",
    .m_size = 0,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
PyInit__breaker(void)
{
    if (PyType_Ready(&SumsType) < 0)
        return NULL;
    PyObject *module = PyModule_Create(&module_def);
    if (module == NULL)
        return NULL;
    if (PyModule_AddObjectRef(module, "Sums", (PyObject *)&SumsType) < 0
        || PyModule_AddObject(module, "CONSTANTS",
                              Py_BuildValue("{sdsdsdsdsdsdsdsdsdsdsd}", "_EPSILON", EPSILON,
                                            "_SHRINK_WEIGHT", SHRINK_WEIGHT, "_LINE_PENALTY",
                                            LINE_PENALTY, "_OVERFULL_DEMERITS",
                                            OVERFULL_DEMERITS, "_MAX_STRETCH_BADNESS",
                                            MAX_STRETCH_BADNESS, "_UNJUSTIFIABLE_BADNESS",
                                            UNJUSTIFIABLE_BADNESS, "SQUEEZE_BADNESS",
                                            SQUEEZE_BADNESS, "_SPREAD_RATIO", SPREAD_RATIO,
                                            "_DROP", DROP, "_SKIP", SKIP, "_LOOSE_RATIO", LOOSE_RATIO))
               < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
