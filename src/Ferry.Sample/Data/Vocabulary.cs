namespace Ferry.Sample.Data;

/// <summary>
/// Word lists the rows draw from. The names mix plain ASCII with what a real district roster holds: precomposed and
/// combining accents (the same visible name in two encodings), apostrophes, hyphens, right-to-left and CJK scripts.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] FirstNames =
    [
        "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "William", "Mia", "Benjamin",
        "Charlotte", "Lucas", "Amelia", "Henry", "Harper", "Alexander", "Evelyn", "Mason", "Abigail", "Michael",
        "Emily", "Ethan", "Ella", "Daniel", "Madison", "Jacob", "Scarlett", "Logan", "Aria", "Jackson", "Grace",
        "Sebastian", "Chloe", "Jack", "Camila", "Aiden", "Penelope", "Owen", "Riley", "Samuel", "Layla", "Matthew",
        "Lillian", "Joseph", "Nora", "Levi", "Zoey", "Mateo", "Hannah", "David", "Lily", "John", "Addison",
        "Renée", "Zoe\u0308", "Jose\u0301", "José", "Siobhán", "Łukasz", "Nguyễn", "محمد", "שרה", "李", "민준",
        "D'Andre", "Mary-Kate", "Ólafur", "François",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams",
        "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "O'Brien", "García", "Müller", "van der Berg", "Al-Farsi", "Núñez", "Ødegård", "Smith-Jones", "王", "김",
        "עזרא", "حداد",
    ];

    public static readonly string[] Cities =
    [
        "Springfield", "Riverside", "Franklin", "Greenville", "Bristol", "Clinton", "Fairview", "Salem", "Madison",
        "Georgetown", "Arlington", "Ashland", "Dover", "Oxford", "Jackson", "Burlington", "Manchester", "Milton",
        "Newport", "Auburn", "Dayton", "Lexington", "Milford", "Winchester", "Hudson", "Kingston", "Mount Vernon",
        "San José", "Cañon City", "Coeur d'Alene", "Monterrey", "Guadalajara", "Ciudad de México", "Manila", "Seoul",
        "Hà Nội", "Mumbai", "Lagos",
    ];

    public static readonly string[] Countries =
    [
        "United States of America", "United States of America", "United States of America", "United States of America",
        "Mexico", "Canada", "Philippines", "Viet Nam", "India", "China", "Korea, Republic of", "El Salvador",
        "Guatemala", "Honduras", "Dominican Republic", "Nigeria", "Somalia", "Ukraine", "Côte d'Ivoire",
    ];

    public static readonly string?[] CitizenshipStatuses =
    [
        "US Citizen", "US Citizen", "US Citizen", "US Citizen", "Permanent resident", "Resident alien",
        "Non-resident alien", null,
    ];

    public static readonly string?[] LimitedEnglishProficiency = ["Not limited", "Not limited", "Not limited", "Limited", "Limited Monitored 1", "Limited Monitored 2", null];

    public static readonly string?[] FoodServiceEligibility = ["Full price", "Full price", "Reduced price", "Free", "Free", null];

    public static readonly string[] Subjects =
    [
        "Mathematics", "English Language Arts", "Science", "Social Studies", "Reading", "Writing", "Fine and Performing Arts",
        "Physical, Health, and Safety Education", "Foreign Language and Literature", "Computer and Information Sciences",
        "Career and Technical Education", "Life and Physical Sciences",
    ];

    public static readonly string[] SubjectCodes = ["MATH", "ELA", "SCI", "SOC", "READ", "WRIT", "ARTS", "PHED", "LANG", "CSCI", "CTE", "LIFE"];

    public static readonly string[] SchoolNameParts =
    [
        "Lincoln", "Washington", "Jefferson", "Roosevelt", "Kennedy", "Franklin", "Oak Grove", "Maple Ridge", "Cedar Park",
        "Riverbend", "Hillcrest", "Lakeside", "Sunnyvale", "Meadowbrook", "Pine Valley", "César Chávez", "Sojourner Truth",
    ];

    public static readonly string[] SchoolKinds = ["Elementary School", "Middle School", "High School", "Academy", "K-8 School"];

    public static readonly string[] PerformanceLevels = ["Below Basic", "Basic", "Proficient", "Advanced"];

    public static readonly string[] ResultDataTypes = ["Integer", "Decimal", "Percentile", "Level", "Range"];

    public static readonly string?[] LetterGrades = ["A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D", "F", "I", "P", null];

    public static readonly string[] AttendanceCodes = ["P", "P", "P", "P", "P", "A", "T", "E"];

    public static readonly string[] AttendanceEventCodes = ["ABS", "TARDY", "EXCUSED", "EARLYDEP", "INSCHSUS", "OUTSCHSUS"];

    public static readonly string[] CalendarEvents = ["Instructional day", "Instructional day", "Instructional day", "Holiday", "Teacher only day", "Make-up day", "Weather day"];

    public static readonly string[] FeeTypes = ["Lab fee", "Field trip", "Athletics", "Lost textbook", "Yearbook", "Parking permit", "Chromebook repair", "Band instrument rental"];

    public static readonly string[] DocumentTypes = ["IEP", "504 Plan", "Birth certificate", "Proof of residence", "Immunization record", "Transcript", "Custody order"];

    public static readonly string[] ContentTypes = ["application/pdf", "image/jpeg", "image/png", "image/tiff", "application/msword"];

    public static readonly string[] GradeTypes = ["Grading Period", "Semester", "Final", "Exam", "Progress Report"];

    public static readonly string[] SchoolCategories = ["Elementary School", "Middle School", "High School", "Junior High School", "Ungraded", "Adult School"];

    public static readonly string[] Sessions = ["Fall Semester", "Spring Semester", "Year Round", "Summer School"];

    public static readonly string[] NoteAuthors = ["Counselor", "Nurse", "Attendance office", "Front desk", "Assistant principal", "Teacher"];

    public static readonly string[] GradeLevels =
    [
        "Preschool/Prekindergarten", "Kindergarten", "First grade", "Second grade", "Third grade", "Fourth grade",
        "Fifth grade", "Sixth grade", "Seventh grade", "Eighth grade", "Ninth grade", "Tenth grade", "Eleventh grade",
        "Twelfth grade", "Ungraded",
    ];

    public static readonly string[] GradeLevelCodes = ["PK", "KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "UG"];
}
